using System.Text.Json;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Tests.Network;

public sealed class SyntheticNetworkTests
{
    private static string Json(NetworkDocument document) => JsonSerializer.Serialize(document, NetworkJson.Options);

    [Fact]
    public void The_same_seed_gives_the_same_network()
    {
        var options = SyntheticNetworkOptions.ForMembers(20_000, seed: 7);

        Assert.Equal(Json(SyntheticNetwork.Generate(options)), Json(SyntheticNetwork.Generate(options)));
    }

    [Fact]
    public void Another_seed_gives_the_same_structure_with_other_people()
    {
        var first = SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(5_000, seed: 1));
        var second = SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(5_000, seed: 2));

        Assert.Equal(first.Units.Where(u => u.Kind == "committee").Select(u => u.Code), second.Units.Where(u => u.Kind == "committee").Select(u => u.Code));
        Assert.Equal(first.Members.Count, second.Members.Count);
        Assert.NotEqual(first.Members.Select(m => m.Name), second.Members.Select(m => m.Name));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(299)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    [InlineData(60_000)]
    [InlineData(123_457)]
    public void Hits_the_requested_member_count_and_validates(int requested)
    {
        var options = SyntheticNetworkOptions.ForMembers(requested);
        var document = SyntheticNetwork.Generate(options);
        var network = CommitteeNetwork.Build(document);

        Assert.Equal(options.Members, document.Members.Count);
        Assert.InRange(document.Members.Count, requested * 0.99, requested * 1.01);
        Assert.Equal(document.Members.Count, network.Root.MemberCount);
    }

    [Fact]
    public void National_scale_has_the_real_counts_of_provinces_cities_and_counties()
    {
        var options = SyntheticNetworkOptions.ForMembers(600_000);

        Assert.Equal(34, options.Provinces);
        Assert.Equal(333, options.Cities);
        Assert.Equal(2_844, options.Counties);
        Assert.Equal(600_000, options.Members);
        Assert.Equal(SyntheticNetworkOptions.National, options);
    }

    [Fact]
    public void Sixty_thousand_members_make_a_few_provinces()
    {
        var options = SyntheticNetworkOptions.ForMembers(60_000);

        Assert.Equal(3, options.Provinces);
        Assert.Equal(33, options.Cities);
        Assert.Equal(284, options.Counties);
        Assert.Equal(60_000, options.Members);
    }

    [Fact]
    public void Generates_the_national_network()
    {
        var document = SyntheticNetwork.Generate(SyntheticNetworkOptions.National);
        var committees = document.Units.Where(u => u.Kind == "committee").CountBy(u => u.Level!).ToDictionary();

        Assert.Equal(600_000, document.Members.Count);
        Assert.Equal(1, committees["national"]);
        Assert.Equal(34, committees["province"]);
        Assert.Equal(333, committees["city"]);
        Assert.Equal(2_844, committees["county"]);
    }

    [Fact]
    public void Levels_have_the_counts_the_options_promise_and_follow_the_code_scheme()
    {
        var options = new SyntheticNetworkOptions
        {
            Seed = 3,
            Provinces = 2,
            CitiesPerProvince = 1.5,
            CountiesPerCity = 2.5,
            LiaisonOfficesPerCounty = 3,
            GroupsPerOffice = 1.5,
            CommitteeGroupsPerCounty = 2,
            CommitteeGroupsPerCity = 2,
            CommitteeGroupsPerProvince = 1,
            NationalGroups = 1,
            MembersPerGroup = 10.5,
        };
        var network = CommitteeNetwork.Build(SyntheticNetwork.Generate(options));
        List<NetworkUnit> Committees(CommitteeLevel level) => network.Units.Where(u => u.IsCommittee && u.Level == level).ToList();

        Assert.Equal(["P01", "P02"], Committees(CommitteeLevel.Province).Select(u => u.Code).Order());
        Assert.Equal(3, Committees(CommitteeLevel.City).Count);
        Assert.Equal(options.Counties, Committees(CommitteeLevel.County).Count);
        Assert.Equal(8, options.Counties);
        Assert.Equal(options.LiaisonOffices, network.Units.Count(u => u.Kind == UnitKind.LiaisonOffice));
        Assert.Equal(options.Groups, network.Units.Count(u => u.Kind == UnitKind.ActivityGroup));
        Assert.Equal(options.Members, network.Root.MemberCount);

        Assert.All(Committees(CommitteeLevel.City), c => Assert.Matches($"^{c.ParentCode}C[0-9]{{2}}$", c.Code));
        Assert.All(Committees(CommitteeLevel.County), c => Assert.Matches($"^{c.ParentCode}X[0-9]{{2}}$", c.Code));
        Assert.All(network.Units.Where(u => u.Kind == UnitKind.LiaisonOffice), o => Assert.Matches($"^{o.ParentCode}-L[0-9]{{2}}$", o.Code));
        Assert.All(network.Units.Where(u => u.Kind == UnitKind.ActivityGroup), g =>
        {
            Assert.Matches($"^{g.CommitteeCode}-G[0-9]{{2}}$", g.Code);
            // Committee-level groups pair with a special committee; township groups do not.
            Assert.Equal(g.ParentCode == g.CommitteeCode, g.SpecialCommittee is not null);
        });
        Assert.All(network.Units.Where(u => u.Kind == UnitKind.Member), m =>
        {
            Assert.Matches($"^{m.CommitteeCode}-M[0-9]{{4}}$", m.Code);
            Assert.Contains(m.Party!, Parties.All);
            Assert.False(string.IsNullOrWhiteSpace(m.Sector));
        });
    }

    [Fact]
    public void Without_spread_every_group_gets_its_even_share()
    {
        var options = SyntheticNetworkOptions.ForMembers(10_000) with { GroupSizeSpread = 0 };
        var network = CommitteeNetwork.Build(SyntheticNetwork.Generate(options));
        var sizes = network.Units.Where(u => u.Kind == UnitKind.ActivityGroup).Select(g => g.MemberCount).ToList();

        Assert.InRange(sizes.Min(), (int)Math.Floor(options.MembersPerGroup), (int)Math.Ceiling(options.MembersPerGroup));
        Assert.InRange(sizes.Max(), (int)Math.Floor(options.MembersPerGroup), (int)Math.Ceiling(options.MembersPerGroup));
    }

    [Fact]
    public void Spread_varies_group_sizes_within_bounds()
    {
        var options = SyntheticNetworkOptions.ForMembers(10_000) with { GroupSizeSpread = 0.5 };
        var network = CommitteeNetwork.Build(SyntheticNetwork.Generate(options));
        var sizes = network.Units.Where(u => u.Kind == UnitKind.ActivityGroup).Select(g => g.MemberCount).ToList();

        Assert.True(sizes.Max() - sizes.Min() > 4, $"sizes {sizes.Min()}..{sizes.Max()}");
        Assert.InRange(sizes.Min(), 0, int.MaxValue);
        Assert.InRange(sizes.Max(), 0, (int)Math.Ceiling(options.MembersPerGroup * 1.5) + 1);
        Assert.Equal(10_000, sizes.Sum());
    }

    [Fact]
    public void Parties_follow_a_realistic_mix()
    {
        var members = SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(20_000)).Members;
        var byParty = members.CountBy(m => m.Party).ToDictionary();

        Assert.Equal(Parties.All.Order(), byParty.Keys.Order());
        Assert.True(byParty["中共"] > members.Count * 0.35, $"中共 {byParty["中共"]}");
        Assert.True(byParty["无党派人士"] > members.Count * 0.25, $"无党派人士 {byParty["无党派人士"]}");
        Assert.True(byParty["台盟"] < byParty["民盟"], "台盟 is the smallest democratic party");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ForMembers_needs_at_least_one_member(int members) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticNetworkOptions.ForMembers(members));

    [Fact]
    public void Rejects_options_that_describe_no_network()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticNetwork.Generate(new SyntheticNetworkOptions { Provinces = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticNetwork.Generate(new SyntheticNetworkOptions { MembersPerGroup = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticNetwork.Generate(new SyntheticNetworkOptions { GroupSizeSpread = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticNetwork.Generate(new SyntheticNetworkOptions { CountiesPerCity = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticNetwork.Generate(new SyntheticNetworkOptions { Provinces = 34, CitiesPerProvince = 1e6 }));
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(7, "七")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(99, "九十九")]
    [InlineData(100, "100")]
    public void Numbers_group_names_in_chinese(int number, string expected) =>
        Assert.Equal(expected, SyntheticNetwork.Numeral(number));
}
