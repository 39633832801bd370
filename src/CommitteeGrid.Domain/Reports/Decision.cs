using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Reports;

/// <summary>
/// The outcome of checking a command against the rules: a rejection, or the event to record with the
/// committee whose inbox it brings the report into and the counts it credits.
/// </summary>
public sealed record Decision(Rejection? Rejection, InfoReportEvent? Event, string? Subject, IReadOnlyList<TallyDelta> Deltas)
{
    public static Decision Refuse(RejectionKind kind, string message) => new(new Rejection(kind, message), null, null, []);

    public static Decision Accept(InfoReportEvent e, string? subject, params TallyDelta[] deltas) => new(null, e, subject, deltas);
}
