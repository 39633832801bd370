using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Duty;

/// <summary>A rejection, or the duty event to record with its subject (the group book it enters) and its counts.</summary>
public sealed record DutyDecision(Rejection? Rejection, DutyEvent? Event, string? Subject, IReadOnlyList<TallyDelta> Deltas)
{
    public static DutyDecision Refuse(RejectionKind kind, string message) => new(new Rejection(kind, message), null, null, []);

    public static DutyDecision Accept(DutyEvent e, IReadOnlyList<TallyDelta> deltas, string? subject = null) => new(null, e, subject, deltas);
}
