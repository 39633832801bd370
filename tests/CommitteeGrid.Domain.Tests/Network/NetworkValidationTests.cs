using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Tests.Network;

/// <summary>CommitteeNetwork.Build refuses a broken network and says what is wrong with it.</summary>
public sealed class NetworkValidationTests
{
    /// <summary>The smallest valid chain: national → province → city → county → office → group → member.</summary>
    private static NetworkDocument Valid() => new()
    {
        Name = "test",
        Units =
        [
            Committee("CN", "national", null),
            Committee("420000", "province", "CN"),
            Committee("420600", "city", "420000"),
            Committee("420607", "county", "420600"),
            new UnitDocument { Code = "420607-L01", Kind = "liaisonOffice", Name = "双沟镇联络处", Parent = "420607" },
            new UnitDocument { Code = "420607-G01", Kind = "activityGroup", Name = "双沟镇委员活动组", Parent = "420607-L01" },
            new UnitDocument { Code = "420607-G02", Kind = "activityGroup", Name = "区直第一委员活动组", Parent = "420607", SpecialCommittee = "提案委员会" },
        ],
        Members =
        [
            Member("420607-M0001", "420607-G01"),
            Member("420607-M0002", "420607-G02"),
        ],
    };

    private static UnitDocument Committee(string code, string level, string? parent) =>
        new() { Code = code, Kind = "committee", Level = level, Name = code + "政协", Parent = parent };

    private static MemberDocument Member(string code, string group, string party = "中共") =>
        new() { Code = code, Name = "王芳", Group = group, Sector = "经济界", Party = party };

    private static IReadOnlyList<string> Problems(NetworkDocument document) =>
        Assert.Throws<NetworkValidationException>(() => CommitteeNetwork.Build(document)).Problems;

    [Fact]
    public void The_valid_chain_builds()
    {
        var network = CommitteeNetwork.Build(Valid());

        Assert.Equal(2, network.Root.MemberCount);
        Assert.Equal("CN/420000/420600/420607/420607-L01/420607-G01/420607-M0001", network.Get("420607-M0001").Path);
        Assert.Equal("420607", network.Get("420607-M0001").CommitteeCode);
    }

    [Fact]
    public void Rejects_a_unit_code_used_twice()
    {
        var document = Valid();
        document.Units.Add(new UnitDocument { Code = "420607-G01", Kind = "activityGroup", Name = "重复", Parent = "420607" });

        Assert.Contains("unit code '420607-G01' appears twice", Problems(document));
    }

    [Fact]
    public void Rejects_a_member_code_that_a_unit_already_uses()
    {
        var document = Valid();
        document.Members.Add(Member("420607-G02", "420607-G01"));

        Assert.Contains("member code '420607-G02' is already used by another unit or member", Problems(document));
    }

    [Fact]
    public void Rejects_an_unknown_parent()
    {
        var document = Valid();
        document.Units.Add(new UnitDocument { Code = "420607-G03", Kind = "activityGroup", Name = "程河镇委员活动组", Parent = "420607-L99" });

        Assert.Contains(Problems(document), p => p.Contains("'420607-G03'") && p.Contains("parent '420607-L99', which is not in the network"));
    }

    [Fact]
    public void Rejects_a_member_directly_under_a_committee()
    {
        var document = Valid();
        document.Members.Add(Member("420607-M0003", "420607"));

        Assert.Contains("Member '420607-M0003' cannot sit under county committee '420607'", Problems(document));
    }

    [Fact]
    public void Rejects_a_county_above_a_city()
    {
        var document = Valid();
        document.Units.Add(Committee("420700", "city", "420607"));

        Assert.Contains("city committee '420700' cannot sit under county committee '420607'", Problems(document));
    }

    [Fact]
    public void Rejects_a_liaison_office_under_a_province()
    {
        var document = Valid();
        document.Units.Add(new UnitDocument { Code = "420000-L01", Kind = "liaisonOffice", Name = "联络处", Parent = "420000" });

        Assert.Contains("LiaisonOffice '420000-L01' cannot sit under province committee '420000'", Problems(document));
    }

    [Fact]
    public void Rejects_two_roots()
    {
        var document = Valid();
        document.Units.Add(Committee("CN2", "national", null));

        Assert.Contains("both 'CN' and 'CN2' have no parent; a network has one root", Problems(document));
    }

    [Theory]
    [InlineData("420607 G03")]
    [InlineData("-420607")]
    [InlineData("420607/G03")]
    [InlineData("襄州区")]
    [InlineData("")]
    [InlineData("A1234567890123456789012345678901234567890")]
    public void Rejects_a_malformed_unit_code(string code)
    {
        var document = Valid();
        document.Units.Add(new UnitDocument { Code = code, Kind = "activityGroup", Name = "组", Parent = "420607" });

        Assert.Contains($"unit code '{code}' is not 1-40 letters, digits or '-'", Problems(document));
    }

    [Fact]
    public void Rejects_a_malformed_member_code()
    {
        var document = Valid();
        document.Members.Add(Member("420607_M0003", "420607-G01"));

        Assert.Contains("member code '420607_M0003' is not 1-40 letters, digits or '-'", Problems(document));
    }

    [Theory]
    [InlineData("国民党")]
    [InlineData("")]
    [InlineData("中国共产党")]
    public void Rejects_an_unknown_party(string party)
    {
        var document = Valid();
        document.Members.Add(Member("420607-M0003", "420607-G01", party));

        Assert.Contains(Problems(document), p => p.StartsWith($"member '420607-M0003' has party '{party}'; expected one of 中共,", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_member_without_a_sector()
    {
        var document = Valid();
        document.Members[0].Sector = " ";

        Assert.Contains("member '420607-M0001' has no sector (界别)", Problems(document));
    }

    [Fact]
    public void Rejects_an_unknown_kind_and_an_unknown_level()
    {
        var document = Valid();
        document.Units.Add(new UnitDocument { Code = "X1", Kind = "subcommittee", Name = "x", Parent = "420607" });
        document.Units.Add(new UnitDocument { Code = "X2", Kind = "committee", Level = "township", Name = "x", Parent = "420607" });

        var problems = Problems(document);
        Assert.Contains("unit 'X1' has kind 'subcommittee'; expected committee, liaisonOffice or activityGroup", problems);
        Assert.Contains("committee 'X2' has level 'township'; expected national, province, city or county", problems);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var document = Valid();
        document.Units.Add(Committee("CN2", "national", null));
        document.Members.Add(Member("420607-M0003", "420607", "国民党"));

        var exception = Assert.Throws<NetworkValidationException>(() => CommitteeNetwork.Build(document));

        Assert.Equal(3, exception.Problems.Count);
        Assert.All(exception.Problems, p => Assert.Contains(p, exception.Message));
    }
}
