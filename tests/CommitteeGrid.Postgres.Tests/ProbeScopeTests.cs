using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Bench;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The plenary bench keeps its freshness probe in a part of the network the load never touches, at
/// every network size: a province when there are several, lower down when there is one.
/// </summary>
public sealed class ProbeScopeTests
{
    [Theory]
    [InlineData(60_000, UnitKind.Committee, CommitteeLevel.Province)]
    [InlineData(20_000, UnitKind.Committee, CommitteeLevel.City)]
    [InlineData(300, UnitKind.LiaisonOffice, CommitteeLevel.None)]
    public void The_probe_gets_the_highest_unit_the_load_can_leave_alone(int members, UnitKind kind, CommitteeLevel level)
    {
        var network = CommitteeNetwork.Build(SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(members)));

        var scope = ProbeScope.Choose(network)!;

        Assert.Equal(kind, scope.Unit.Kind);
        Assert.Equal(level, scope.Unit.Level);
        Assert.NotEmpty(scope.LoadMembers);
        Assert.NotEmpty(scope.ProbeMembers);
        Assert.All(scope.ProbeMembers, m => Assert.True(CommitteeNetwork.IsWithin(m, scope.Unit)));
        Assert.All(scope.LoadMembers, m => Assert.False(CommitteeNetwork.IsWithin(m, scope.Unit)));
        Assert.Equal(network.Root.MemberCount, scope.LoadMembers.Count + scope.ProbeMembers.Count);
    }

    [Fact]
    public void With_one_province_and_one_county_the_probe_takes_a_group_beside_the_county()
    {
        var network = Network(
            [
                Unit("N", "committee", "national", null),
                Unit("P", "committee", "province", "N"),
                Unit("C", "committee", "city", "P"),
                Unit("X", "committee", "county", "C"),
                Unit("X2", "committee", "county", "C"),
                Unit("XO", "liaisonOffice", null, "X"),
                Unit("XG", "activityGroup", null, "XO"),
                Unit("CG", "activityGroup", null, "C"),
            ],
            ("m1", "XG"), ("m2", "XG"), ("m3", "CG"));

        var scope = ProbeScope.Choose(network)!;

        // X2 has no members, so it is no place to probe; X has one office with one group.
        Assert.Equal("CG", scope.Unit.Code);
        Assert.Equal("activity group", scope.UnitLabel);
        Assert.Equal(["m1", "m2"], scope.LoadMembers.Select(m => m.Code).Order());
        Assert.Equal(["m3"], scope.ProbeMembers.Select(m => m.Code));
    }

    [Fact]
    public void A_network_that_is_one_group_has_no_place_for_the_probe()
    {
        var network = Network(
            [
                Unit("N", "committee", "national", null),
                Unit("P", "committee", "province", "N"),
                Unit("PG", "activityGroup", null, "P"),
            ],
            ("m1", "PG"), ("m2", "PG"));

        Assert.Null(ProbeScope.Choose(network));
    }

    private static UnitDocument Unit(string code, string kind, string? level, string? parent) =>
        new() { Code = code, Kind = kind, Level = level, Name = code, Parent = parent };

    private static CommitteeNetwork Network(List<UnitDocument> units, params (string Code, string Group)[] members) =>
        CommitteeNetwork.Build(new NetworkDocument
        {
            Name = "probe",
            Units = units,
            Members = [.. members.Select(m => new MemberDocument { Code = m.Code, Name = m.Code, Group = m.Group, Sector = "经济界", Party = "无党派人士" })],
        });
}
