using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Reports;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Who hears of a step in an information report's life: its authors of what committees did with it, and
/// a committee office of what entered its inbox (submitted or forwarded to it, or revised for it).
/// </summary>
public static class ReportNotices
{
    /// <summary>The event for an entry just applied to <paramref name="report"/> (the state after it).</summary>
    public static DomainEvent For(InfoReportState report, LedgerEntry entry, InfoReportEvent e)
    {
        string[] authors = [report.Lead, .. report.CoAuthors];
        var (recipients, detail) = e switch
        {
            InfoReportSubmitted s => ((string[])[s.Committee], null),
            InfoReportForwarded f => ([.. authors, f.To], f.To),
            InfoReportDeclined d => (authors, d.Reason),
            InfoReportReturned r => (authors, r.Reason),
            InfoReportRevised v => ([v.Committee], null),
            InfoReportEndorsed n => (authors, n.Note is null ? $"{n.LeaderTitle} {n.Date:yyyy-MM-dd}" : $"{n.LeaderTitle} {n.Date:yyyy-MM-dd}: {n.Note}"),
            _ => (authors, (string?)null),
        };

        return new DomainEvent(
            DomainEvent.IdOf(entry.Stream, entry.Version), e.Kind, report.Id, report.Title, e.Committee, e.Level,
            entry.OccurredAt, [.. recipients.Distinct(StringComparer.Ordinal)], detail);
    }
}
