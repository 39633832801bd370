using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Ledger;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>Who hears of a duty record: the group of a member's own report (to confirm it), the member of a rejection.</summary>
public static class DutyNotices
{
    public static DomainEvent? For(DutyRecordState record, LedgerEntry entry, DutyEvent e)
    {
        var (kind, recipient, detail) = e switch
        {
            DutyReported r => (EventKinds.DutyReported, r.Group, $"{r.Member}: {r.Type} on {r.Date:yyyy-MM-dd}"),
            DutyRejected r => (EventKinds.DutyRejected, record.Member, r.Reason),
            _ => (null, null, null),
        };

        return kind is null || recipient is null
            ? null
            : new DomainEvent(
                DomainEvent.IdOf(entry.Stream, entry.Version), kind, record.Id, record.Title, null, CommitteeLevel.None,
                entry.OccurredAt, [recipient], detail);
    }
}
