using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;

namespace CommitteeGrid.Domain.Duty;

/// <summary>A duty record folded from its ledger entries (a record has one to two).</summary>
public sealed class DutyRecordState(string id)
{
    private readonly Dictionary<string, (string Hash, Receipt Receipt)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, Dictionary<TallyKey, long> Counts)> _credits = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Stream => StreamOf(Id);

    public bool Exists { get; private set; }

    public DutyKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly Date { get; private set; }

    public int Count { get; private set; }

    public string? Organiser { get; private set; }

    public IReadOnlyList<string> Attendees { get; private set; } = [];

    public string? Member { get; private set; }

    public string? Group { get; private set; }

    public string Status { get; private set; } = "none";

    public string? Reason { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public long Version { get; private set; }

    public List<DutyHistoryEntry> History { get; } = [];

    public static string StreamOf(string recordId) => "duty/" + recordId;

    /// <summary>The ledger subject that brings a self-reported record into its group's book.</summary>
    public static string BookSubject(string group) => "duty/" + group;

    public (string Hash, Receipt Receipt)? FindKey(string scopedKey) =>
        _keys.TryGetValue(scopedKey, out var found) ? found : null;

    public TallySnapshot? CreditTo(string member) =>
        _credits.TryGetValue(member, out var c) ? new TallySnapshot(Stream, c.Version, new Dictionary<TallyKey, long>(c.Counts)) : null;

    public void Replay(LedgerEntry entry) => Apply(entry, DutyJson.Deserialize(entry.Payload));

    public void Apply(LedgerEntry entry, DutyEvent e)
    {
        if (entry.Version != Version + 1)
        {
            throw new InvalidOperationException($"Duty record {Id}: entry version {entry.Version} does not follow {Version}.");
        }

        switch (e)
        {
            case DutyRecorded r:
                Exists = true;
                (Kind, Title, Date, Count, Organiser, Attendees) = (r.Type, r.Title, r.Date, r.Count, r.Organiser, r.Attendees);
                RecordedAt = entry.OccurredAt;
                Status = DutyStatus.Recorded;
                break;
            case DutyReported r:
                Exists = true;
                (Kind, Title, Date, Count, Member, Group) = (r.Type, r.Title, r.Date, r.Count, r.Member, r.Group);
                Attendees = [r.Member];
                RecordedAt = entry.OccurredAt;
                Status = DutyStatus.Pending;
                break;
            case DutyConfirmed:
                Status = DutyStatus.Confirmed;
                break;
            case DutyRejected r:
                Status = DutyStatus.Rejected;
                Reason = r.Reason;
                break;
            default:
                throw new InvalidOperationException($"Unknown duty event {e.GetType().Name}.");
        }

        Version = entry.Version;
        _keys[entry.IdempotencyKey] = (entry.RequestHash, new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt));
        foreach (var delta in entry.Deltas)
        {
            if (!_credits.TryGetValue(delta.Member, out var credit))
            {
                credit = (0, []);
            }

            var key = new TallyKey(delta.Year, delta.Counter);
            credit.Counts[key] = credit.Counts.GetValueOrDefault(key) + delta.Delta;
            _credits[delta.Member] = (entry.Version, credit.Counts);
        }

        History.Add(new DutyHistoryEntry(entry.Version, entry.Kind, entry.OccurredAt, entry.ActorId, entry.ActorRole));
    }

    public DutyRecordView ToView() =>
        new(Id, Kind, Title, Date, Count, Organiser, Member, Group, Attendees, Status, Reason, RecordedAt, Version, [.. History]);

    public DutyBookItem? ToBookItem() => Member is null || Group is null
        ? null
        : new DutyBookItem(Id, Group, Member, Kind, Title, Date, Count, Status, RecordedAt, Version);
}
