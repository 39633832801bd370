using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tallies;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Proposals;

/// <summary>
/// The report tests' tiny network with the county's session (plenary 2026-01-05 to 01-08) and three
/// handling units, and the city's one unit.
/// </summary>
internal static class ProposalWorld
{
    public const string Unit1 = "420607-H01";
    public const string Unit2 = "420607-H02";
    public const string Unit3 = "420607-H03";
    public const string CityUnit = "420600-H01";

    public static ProposalCatalog Build(int extraMembers = 0)
    {
        var network = Reports.TestNetwork.Build(extraMembers);
        var sessions = SessionCalendar.Build(
            new SessionsDocument
            {
                Sessions =
                [
                    new SessionDocument { Committee = County, Term = 10, Session = 4, PlenaryStart = new(2025, 1, 3), PlenaryEnd = new(2025, 1, 6) },
                    new SessionDocument { Committee = County, Term = 10, Session = 5, Name = "区政协十届五次会议", PlenaryStart = new(2026, 1, 5), PlenaryEnd = new(2026, 1, 8) },
                ],
            },
            network);
        var units = HandlingUnitDirectory.Build(
            new HandlingUnitsDocument
            {
                AnswerDays = 90,
                DueSoonDays = 15,
                Units =
                [
                    new HandlingUnitDocument { Code = Unit1, Name = "襄州区教育局", Committee = County },
                    new HandlingUnitDocument { Code = Unit2, Name = "襄州区交通运输局", Committee = County },
                    new HandlingUnitDocument { Code = Unit3, Name = "襄州区民政局", Committee = County },
                    new HandlingUnitDocument { Code = CityUnit, Name = "襄阳市教育局", Committee = City },
                ],
            },
            network);
        return new ProposalCatalog(network, sessions, units);
    }
}

/// <summary>
/// Drives a proposal the way its grain does: decide, and on acceptance build the ledger entry (next
/// version, JSON payload, key, the decision's deltas) and apply it. Registration numbers come from a
/// counter, as the register grain would give them.
/// </summary>
internal sealed class ProposalDriver(ProposalCatalog catalog, string id = "P1")
{
    private static int _numbers;

    public ProposalCatalog Catalog { get; } = catalog;

    public CommitteeNetwork Network => Catalog.Network;

    public ProposalState State { get; } = new(id);

    public List<LedgerEntry> Entries { get; } = [];

    /// <summary>2026-03-02 10:00 China time: after the county's plenary, between sessions.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Deadline => Now.AddDays(3);

    public ProposalDecision Draft(string lead = Lead, string title = "关于加强农村养老服务的提案", string body = "农村留守老人多，养老服务设施不足。建议……") =>
        Record(ProposalRules.Draft(State, Catalog, new DraftProposal(lead, title, body)));

    public ProposalDecision Invite(IReadOnlyList<string> members, DateTimeOffset? deadline = null, string lead = Lead) =>
        Record(ProposalRules.Invite(State, Catalog, new InviteCosigners(lead, members, deadline), Now));

    public ProposalDecision Sign(string member, bool accept = true) =>
        Record(ProposalRules.Sign(State, new SignProposal(member, accept), Now));

    public ProposalDecision Submit(string lead = Lead) =>
        Record(ProposalRules.Submit(State, Catalog, new SubmitProposal(lead), Now));

    public ProposalDecision Withdraw(string lead = Lead, string? reason = null) =>
        Record(ProposalRules.Withdraw(State, new WithdrawProposal(lead, reason)));

    /// <summary>A review as the grain runs it: checked, then registration with the next number, other actions as decided.</summary>
    public ProposalDecision Review(ReviewAction action, string committee = County, string? reason = null, string? into = null, string? leadingLeader = null, bool toReport = false, string? reportBody = null)
    {
        var command = new ReviewProposal(committee, action, reason, into, leadingLeader, toReport, reportBody);
        if (ProposalRules.CheckReview(State, Catalog, command) is { } rejection)
        {
            return Record(ProposalDecision.Refuse(rejection));
        }

        return Record(action == ReviewAction.Register
            ? ProposalRules.Register(State, Catalog, Interlocked.Increment(ref _numbers), Now)
            : ProposalRules.Review(State, Catalog, command, Now));
    }

    public ProposalDecision Assign(string leadUnit = ProposalWorld.Unit1, IReadOnlyList<string>? coUnits = null, DateTimeOffset? dueAt = null, string committee = County) =>
        Record(ProposalRules.Assign(State, Catalog, new AssignProposal(committee, leadUnit, coUnits ?? [], dueAt), Now));

    public ProposalDecision Answer(string unit = ProposalWorld.Unit1, AnswerClass? answerClass = AnswerClass.A, string text = "已列入明年财政预算，逐步解决。") =>
        Record(ProposalRules.Answer(State, Catalog, new AnswerProposal(unit, answerClass, text), Now));

    public ProposalDecision HandBack(string unit = ProposalWorld.Unit1, string reason = "不属于本单位职责") =>
        Record(ProposalRules.HandBack(State, Catalog, new HandBackProposal(unit, reason)));

    public ProposalDecision Rate(string member, Satisfaction rating = Satisfaction.Satisfied) =>
        Record(ProposalRules.Rate(State, Catalog, new RateProposal(member, rating), Now));

    public ProposalDecision Absorb(string mergedId, string lead, IReadOnlyList<string> cosigners, string committee = County) =>
        Record(ProposalRules.Absorb(State, Catalog, mergedId, committee, lead, cosigners, Now));

    /// <summary>Records every clock step due now; returns their ledger kinds.</summary>
    public IReadOnlyList<string> Tick()
    {
        var steps = ProposalRules.DueSteps(State, Catalog.HandlingUnits.DueSoonDays, Now);
        foreach (var step in steps)
        {
            Record(ProposalDecision.Accept(step.Event));
        }

        return [.. steps.Select(s => s.Event.Kind)];
    }

    public ProposalDecision Must(ProposalDecision decision)
    {
        Assert.True(decision.Rejection is null, $"expected acceptance, got {decision.Rejection}");
        return decision;
    }

    /// <summary>Drafted, with the given co-signers invited and signed, submitted.</summary>
    public ProposalDriver Submitted(params string[] cosigners)
    {
        Must(Draft());
        if (cosigners.Length > 0)
        {
            Must(Invite(cosigners, Deadline));
            foreach (var c in cosigners)
            {
                Must(Sign(c));
            }
        }

        Must(Submit());
        return this;
    }

    public ProposalDriver Registered(params string[] cosigners)
    {
        Submitted(cosigners);
        Must(Review(ReviewAction.Register));
        return this;
    }

    public ProposalDriver Assigned(params string[] cosigners)
    {
        Registered(cosigners);
        Must(Assign());
        return this;
    }

    public ProposalDriver Answered(params string[] cosigners)
    {
        Assigned(cosigners);
        Must(Answer());
        return this;
    }

    private ProposalDecision Record(ProposalDecision decision)
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
            State.Stream, version, e.Kind, ProposalJson.Serialize(e), $"u:key-{version}", $"hash-{version}",
            "u", "staff", null, null, Now, decision.Subject, decision.Deltas)
        {
            Seq = 100 + version,
        };
        State.Apply(entry, e);
        Entries.Add(entry);
        return decision;
    }
}

internal static class Refused
{
    /// <summary>The decision is a refusal of this kind whose message names every fragment.</summary>
    public static void Is(ProposalDecision decision, RejectionKind kind, params string[] fragments)
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

    /// <summary>Refused, and the state did not move.</summary>
    public static void Unchanged(ProposalDriver driver, Func<ProposalDecision> act, RejectionKind kind, params string[] fragments)
    {
        var version = driver.State.Version;
        var status = driver.State.Status;
        Is(act(), kind, fragments);
        Xunit.Assert.Equal(version, driver.State.Version);
        Xunit.Assert.Equal(status, driver.State.Status);
    }
}

internal static class Credits
{
    /// <summary>The deltas as (member, counter, delta) triples, for exact comparison.</summary>
    public static (string Member, string Counter, long Delta)[] Of(ProposalDecision decision) =>
        [.. decision.Deltas.Select(d => (d.Member, d.Counter, d.Delta))];

    public static int Year(DateTimeOffset at) => CivilTime.YearOf(at);
}
