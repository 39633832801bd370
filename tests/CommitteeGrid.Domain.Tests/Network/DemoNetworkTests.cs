using System.Text.RegularExpressions;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Tests.Network;

/// <summary>seeds/demo-network.json: the real units of DOMAIN.md, with invented members.</summary>
public sealed class DemoNetworkTests
{
    private const string Xiangzhou = "420607";
    private const string Dazhu = "511724";

    private static readonly Lazy<CommitteeNetwork> Demo =
        new(() => CommitteeNetwork.Build(NetworkJson.ReadFile(SeedFiles.DemoNetwork)));

    private static CommitteeNetwork Network => Demo.Value;

    [Fact]
    public void Loads_and_validates_with_the_national_committee_as_root()
    {
        Assert.Equal("CN", Network.Root.Code);
        Assert.Equal(CommitteeLevel.National, Network.Root.Level);
        Assert.Equal("全国政协", Network.Root.Name);
    }

    [Fact]
    public void Has_three_provinces_four_cities_and_six_counties()
    {
        string[] Codes(CommitteeLevel level) =>
            Network.Units.Where(u => u.IsCommittee && u.Level == level).Select(u => u.Code).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["CN"], Codes(CommitteeLevel.National));
        Assert.Equal(["140000", "420000", "510000"], Codes(CommitteeLevel.Province));
        Assert.Equal(["140900", "420500", "420600", "511700"], Codes(CommitteeLevel.City));
        Assert.Equal(["140923", "420506", "420607", "420625", "511724", "511725"], Codes(CommitteeLevel.County));
    }

    [Theory]
    [InlineData("420000", "湖北省政协", "CN")]
    [InlineData("420600", "襄阳市政协", "420000")]
    [InlineData("420607", "襄州区政协", "420600")]
    [InlineData("420625", "谷城县政协", "420600")]
    [InlineData("420500", "宜昌市政协", "420000")]
    [InlineData("420506", "夷陵区政协", "420500")]
    [InlineData("510000", "四川省政协", "CN")]
    [InlineData("511700", "达州市政协", "510000")]
    [InlineData("511724", "大竹县政协", "511700")]
    [InlineData("511725", "渠县政协", "511700")]
    [InlineData("140000", "山西省政协", "CN")]
    [InlineData("140900", "忻州市政协", "140000")]
    [InlineData("140923", "代县政协", "140900")]
    public void Committees_sit_where_they_do_in_reality(string code, string name, string parent)
    {
        var unit = Network.Get(code);
        Assert.Equal(name, unit.Name);
        Assert.Equal(parent, unit.ParentCode);
    }

    [Fact]
    public void Xiangzhou_has_22_groups_15_under_town_offices_and_7_paired_with_special_committees()
    {
        var county = Network.Get(Xiangzhou);
        var groups = Network.Subtree(county).Where(u => u.Kind == UnitKind.ActivityGroup).ToList();
        var direct = groups.Where(g => g.ParentCode == Xiangzhou).ToList();
        var underOffices = groups.Where(g => Network.Get(g.ParentCode!).Kind == UnitKind.LiaisonOffice).ToList();

        Assert.Equal(22, groups.Count);
        Assert.Equal(15, underOffices.Count);
        Assert.Equal(7, direct.Count);
        Assert.Equal(SyntheticNetwork.SpecialCommittees.Order(), direct.Select(g => g.SpecialCommittee!).Order());
        Assert.All(underOffices, g => Assert.Null(g.SpecialCommittee));
        Assert.InRange(county.MemberCount, 280, 320);
    }

    [Fact]
    public void Xiangzhou_has_a_liaison_office_for_each_of_its_nine_towns_and_three_streets()
    {
        var offices = Network.Children(Network.Get(Xiangzhou)).Where(u => u.Kind == UnitKind.LiaisonOffice).ToList();
        string[] places = ["双沟镇", "程河镇", "龙王镇", "黄集镇", "古驿镇", "峪山镇", "伙牌镇", "张家集镇", "朱集镇", "张湾街道", "肖湾街道", "刘集街道"];

        Assert.Equal(places.Select(p => p + "联络处"), offices.Select(o => o.Name));
        Assert.All(offices, o => Assert.InRange(o.ChildCodes.Count, 1, 2));
    }

    [Fact]
    public void Dazhu_splits_299_members_over_13_liaison_offices()
    {
        var county = Network.Get(Dazhu);
        var offices = Network.Children(county).ToList();

        Assert.Equal(299, county.MemberCount);
        Assert.Equal(13, offices.Count);
        Assert.All(offices, o =>
        {
            Assert.Equal(UnitKind.LiaisonOffice, o.Kind);
            Assert.EndsWith("片区政协联络工作委员会", o.Name);
            Assert.InRange(o.ChildCodes.Count, 1, 2);
            Assert.All(Network.Children(o), g => Assert.Equal(UnitKind.ActivityGroup, g.Kind));
        });
        Assert.Equal(299, offices.Sum(o => o.MemberCount));
    }

    [Theory]
    [InlineData("420625")]
    [InlineData("420506")]
    [InlineData("511725")]
    [InlineData("140923")]
    public void Other_counties_have_4_to_8_groups_and_80_to_200_members(string code)
    {
        var county = Network.Get(code);
        var groups = Network.Subtree(county).Count(u => u.Kind == UnitKind.ActivityGroup);

        Assert.InRange(groups, 4, 8);
        Assert.InRange(county.MemberCount, 80, 200);
    }

    [Theory]
    [InlineData("420600")]
    [InlineData("420500")]
    [InlineData("511700")]
    [InlineData("140900")]
    public void Each_city_has_two_city_level_groups_of_20_to_30_members(string code)
    {
        var groups = Network.Children(Network.Get(code)).Where(u => u.Kind == UnitKind.ActivityGroup).ToList();

        Assert.Equal(2, groups.Count);
        Assert.All(groups, g =>
        {
            Assert.InRange(g.MemberCount, 20, 30);
            Assert.NotNull(g.SpecialCommittee);
            Assert.Equal(code, g.CommitteeCode);
        });
    }

    [Fact]
    public void Every_member_has_a_known_party_a_sector_and_belongs_to_a_county_or_city_committee()
    {
        var members = Network.Units.Where(u => u.Kind == UnitKind.Member).ToList();

        Assert.Equal(1_368, members.Count);
        Assert.All(members, m =>
        {
            Assert.Contains(m.Party!, Parties.All);
            Assert.False(string.IsNullOrWhiteSpace(m.Sector));

            var committee = Network.Get(m.CommitteeCode);
            Assert.Contains(committee.Level, new[] { CommitteeLevel.County, CommitteeLevel.City });
            Assert.StartsWith(committee.Path + "/", m.Path);
            Assert.EndsWith($"/{m.ParentCode}/{m.Code}", m.Path);
            Assert.Matches($"^{committee.Code}-M[0-9]{{4}}$", m.Code);
            Assert.Equal(UnitKind.ActivityGroup, Network.Get(m.ParentCode!).Kind);
        });
    }

    [Fact]
    public void Offices_and_groups_are_numbered_per_committee()
    {
        Assert.All(Network.Units.Where(u => !u.IsCommittee && u.Kind != UnitKind.Member), u =>
        {
            var letter = u.Kind == UnitKind.LiaisonOffice ? "L" : "G";
            Assert.Matches($"^{Regex.Escape(u.CommitteeCode)}-{letter}[0-9]{{2}}$", u.Code);
        });
    }

    [Fact]
    public void Most_members_are_from_the_communist_party_or_without_party()
    {
        var byParty = Network.Units.Where(u => u.Kind == UnitKind.Member).CountBy(u => u.Party!).ToDictionary();
        var largestOther = byParty.Where(p => p.Key is not ("中共" or "无党派人士")).Max(p => p.Value);

        Assert.True(byParty["中共"] > 3 * largestOther, $"中共 {byParty["中共"]}, largest other {largestOther}");
        Assert.True(byParty["无党派人士"] > 3 * largestOther, $"无党派人士 {byParty["无党派人士"]}, largest other {largestOther}");
    }

    [Fact]
    public void No_two_members_of_a_committee_share_a_name()
    {
        // The demo is read by people: a repeated name in one committee would look like a data error.
        var repeats = Network.Units.Where(u => u.Kind == UnitKind.Member)
            .GroupBy(u => (u.CommitteeCode, u.Name))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.CommitteeCode} {g.Key.Name}");

        Assert.Empty(repeats);
    }
}
