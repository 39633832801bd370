using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// Part four: what happens by the clock, not by a command. Signing closes at its deadline; each unit
/// still owing an answer is warned once when the answer falls due soon and once when it is overdue.
/// A timer (and a reminder as its durable backstop) asks for these at <see cref="NextDeadline"/>.
/// </summary>
public static partial class ProposalRules
{
    /// <summary>A step due by the clock: its Key names it uniquely in the proposal (a stable idempotency key).</summary>
    public sealed record TimedStep(string Key, ProposalEvent Event);

    /// <summary>The next instant something is due, or null when nothing waits on the clock.</summary>
    public static DateTimeOffset? NextDeadline(ProposalState state, int dueSoonDays)
    {
        DateTimeOffset? next = null;
        if (state.Status == ProposalStatus.Signing && state.SigningDeadline is { } deadline)
        {
            next = deadline;
        }

        foreach (var unit in Owing(state))
        {
            if (!unit.DueSoonWarned && unit.WarnAt(dueSoonDays) is { } warn)
            {
                next = Earliest(next, warn);
            }

            if (!unit.OverdueWarned)
            {
                // Overdue means strictly after the due time.
                next = Earliest(next, unit.DueAt.AddTicks(1));
            }
        }

        return next;
    }

    /// <summary>Every step due at <paramref name="now"/>, in the order to record them.</summary>
    public static IReadOnlyList<TimedStep> DueSteps(ProposalState state, int dueSoonDays, DateTimeOffset now)
    {
        var steps = new List<TimedStep>();
        if (state.Status == ProposalStatus.Signing && state.SigningDeadline is { } deadline && now >= deadline)
        {
            steps.Add(new TimedStep("signing-closed", new ProposalSigningClosed([.. state.Invitations.Where(i => i.IsPending).Select(i => i.Member)])));
        }

        foreach (var unit in Owing(state))
        {
            if (!unit.OverdueWarned && now > unit.DueAt)
            {
                steps.Add(new TimedStep($"overdue/{unit.Round}/{unit.Unit}", new ProposalOverdue(unit.Unit, unit.Round, unit.DueAt)));
            }
            else if (!unit.DueSoonWarned && unit.WarnAt(dueSoonDays) is { } warn && now >= warn)
            {
                steps.Add(new TimedStep($"due-soon/{unit.Round}/{unit.Unit}", new ProposalDueSoon(unit.Unit, unit.Round, unit.DueAt)));
            }
        }

        return steps;
    }

    private static IEnumerable<UnitAssignment> Owing(ProposalState state) =>
        state.Status == ProposalStatus.Assigned ? state.ActiveUnits.Where(u => u.AnsweredAt is null) : [];

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x <= b ? x : b;
}
