using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Reports;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>
/// A tiny network: national → province → city → two counties; the first county has a liaison office with
/// an activity group of three members (plus optional extras), and the city has its own group and member.
/// </summary>
internal static class TestNetwork
{
    public const string National = "CN";
    public const string Province = "420000";
    public const string City = "420600";
    public const string County = "420607";
    public const string SiblingCounty = "420602";
    public const string Office = "420607-L01";
    public const string Group = "420607-G01";
    public const string Lead = "420607-M0001";
    public const string CoAuthor = "420607-M0002";
    public const string Third = "420607-M0003";
    public const string CityGroup = "420600-G01";
    public const string CityMember = "420600-M0001";

    public const string LeadPath = "CN/420000/420600/420607/420607-L01/420607-G01/420607-M0001";

    public static string Extra(int i) => $"420607-X{i:D3}";

    public static CommitteeNetwork Build(int extraMembers = 0)
    {
        var document = new NetworkDocument
        {
            Name = "test",
            Units =
            [
                Committee(National, "national", null),
                Committee(Province, "province", National),
                Committee(City, "city", Province),
                Committee(County, "county", City),
                Committee(SiblingCounty, "county", City),
                new UnitDocument { Code = Office, Kind = "liaisonOffice", Name = "双沟镇联络处", Parent = County },
                new UnitDocument { Code = Group, Kind = "activityGroup", Name = "双沟镇委员活动组", Parent = Office },
                new UnitDocument { Code = CityGroup, Kind = "activityGroup", Name = "市直第一委员活动组", Parent = City },
            ],
            Members =
            [
                Member(Lead, Group),
                Member(CoAuthor, Group),
                Member(Third, Group),
                Member(CityMember, CityGroup),
            ],
        };
        for (var i = 1; i <= extraMembers; i++)
        {
            document.Members.Add(Member(Extra(i), Group));
        }

        return CommitteeNetwork.Build(document);
    }

    private static UnitDocument Committee(string code, string level, string? parent) =>
        new() { Code = code, Kind = "committee", Level = level, Name = code + "政协", Parent = parent };

    private static MemberDocument Member(string code, string group) =>
        new() { Code = code, Name = "王芳", Group = group, Sector = "经济界", Party = "民建" };
}

/// <summary>
/// Drives a report the way the grain does: decide, and on acceptance build the ledger entry
/// (next version, JSON payload, idempotency key, the decision's deltas) and apply it.
/// </summary>
internal sealed class ReportDriver(CommitteeNetwork network, string id = "R1")
{
    public CommitteeNetwork Network { get; } = network;

    public InfoReportState State { get; } = new(id);

    public List<LedgerEntry> Entries { get; } = [];

    /// <summary>2026-03-02 10:00 China time.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static SubmitInfoReport Report(string lead = TestNetwork.Lead, IReadOnlyList<string>? coAuthors = null, string title = "关于加强农村养老服务的建议", string body = "农村留守老人多，养老服务设施不足。建议……") =>
        new(lead, coAuthors ?? [], title, body);

    public static ActOnInfoReport Action(string committee, ReportAction action, string? reason = null, string? leaderTitle = null, DateOnly? date = null, string? note = null, string? forwardTo = null) =>
        new(committee, action, reason, leaderTitle, date, note, forwardTo);

    public Decision Submit(SubmitInfoReport command) => Record(InfoReportRules.Submit(State, Network, command, Now));

    public Decision Submit() => Submit(Report());

    public Decision Act(ActOnInfoReport command) => Record(InfoReportRules.Act(State, Network, command, Now));

    public Decision Act(string committee, ReportAction action, string? reason = null) => Act(Action(committee, action, reason));

    public Decision Endorse(string committee, string leaderTitle, DateOnly date, string? note = null) =>
        Act(Action(committee, ReportAction.Endorse, leaderTitle: leaderTitle, date: date, note: note));

    public Decision Revise(ReviseInfoReport command) => Record(InfoReportRules.Revise(State, command));

    /// <summary>Accepts or fails the test with the refusal, so a setup step cannot silently go wrong.</summary>
    public Decision Must(Decision decision)
    {
        Assert.True(decision.Rejection is null, $"expected acceptance, got {decision.Rejection}");
        return decision;
    }

    private Decision Record(Decision decision)
    {
        if (decision.Rejection is not null)
        {
            Assert.Null(decision.Event);
            Assert.Empty(decision.Deltas);
            return decision;
        }

        var e = decision.Event!;
        var version = State.Version + 1;
        var entry = new LedgerEntry(
            State.Stream, version, e.Kind, InfoReportJson.Serialize(e), $"office:key-{version}", $"hash-{version}",
            "u-" + e.Committee, "office", e.Committee, null, Now, decision.Subject, decision.Deltas)
        {
            Seq = 100 + version,
        };
        State.Apply(entry, e);
        Entries.Add(entry);
        return decision;
    }
}

internal static class Refusal
{
    /// <summary>The decision is a refusal of this kind whose message names every fragment.</summary>
    public static void Assert(Decision decision, RejectionKind kind, params string[] fragments)
    {
        Xunit.Assert.NotNull(decision.Rejection);
        Xunit.Assert.Null(decision.Event);
        Xunit.Assert.Empty(decision.Deltas);
        Xunit.Assert.Equal(kind, decision.Rejection!.Kind);
        foreach (var fragment in fragments)
        {
            Xunit.Assert.Contains(fragment, decision.Rejection.Message, StringComparison.Ordinal);
        }
    }
}
