using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Reports;

/// <summary>
/// An information report folded from its ledger entries. Everything here derives from the entries,
/// so replaying the stream rebuilds it exactly (including the idempotency keys it has answered).
/// </summary>
public sealed class InfoReportState(string id)
{
    private readonly Dictionary<string, (string Hash, Receipt Receipt)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, Dictionary<TallyKey, long> Counts)> _credits = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Stream => StreamOf(Id);

    public bool Exists { get; private set; }

    public string Lead { get; private set; } = "";

    public IReadOnlyList<string> CoAuthors { get; private set; } = [];

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>The committees reached, from the author's committee upward.</summary>
    public List<ReportLevel> Levels { get; } = [];

    public List<HistoryEntry> History { get; } = [];

    public ReportLevel? Top => Levels.Count == 0 ? null : Levels[^1];

    public static string StreamOf(string reportId) => "report/" + reportId;

    public ReportLevel? LevelAt(string committee) => Levels.Find(l => l.Committee == committee);

    public (string Hash, Receipt Receipt)? FindKey(string scopedKey) =>
        _keys.TryGetValue(scopedKey, out var found) ? found : null;

    /// <summary>Per credited member: the version of the last entry that credited them, and their counts.</summary>
    public IEnumerable<TallySnapshot> Credits() =>
        _credits.Select(c => new TallySnapshot(Stream, c.Value.Version, new Dictionary<TallyKey, long>(c.Value.Counts)));

    public TallySnapshot? CreditTo(string member) =>
        _credits.TryGetValue(member, out var c) ? new TallySnapshot(Stream, c.Version, new Dictionary<TallyKey, long>(c.Counts)) : null;

    public void Replay(LedgerEntry entry) => Apply(entry, InfoReportJson.Deserialize(entry.Payload));

    public void Apply(LedgerEntry entry, InfoReportEvent e)
    {
        if (entry.Version != Version + 1)
        {
            throw new InvalidOperationException($"Report {Id}: entry version {entry.Version} does not follow {Version}.");
        }

        switch (e)
        {
            case InfoReportSubmitted s:
                Exists = true;
                Lead = s.Lead;
                CoAuthors = s.CoAuthors;
                Title = s.Title;
                Body = s.Body;
                SubmittedAt = entry.OccurredAt;
                Levels.Add(new ReportLevel(s.Committee, s.Level, s.Committee, entry.OccurredAt));
                break;
            case InfoReportAdopted a:
                LevelAt(a.Committee)!.Adopted = true;
                break;
            case InfoReportForwarded f:
                LevelAt(f.Committee)!.Forwarded = true;
                Levels.Add(new ReportLevel(f.To, f.ToLevel, f.Committee, entry.OccurredAt));
                break;
            case InfoReportDeclined d:
                LevelAt(d.Committee)!.Declined = true;
                break;
            case InfoReportReturned r:
                LevelAt(r.Committee)!.AwaitingRevision = true;
                break;
            case InfoReportRevised v:
                Title = v.Title;
                Body = v.Body;
                LevelAt(v.Committee)!.AwaitingRevision = false;
                break;
            case InfoReportEndorsed n:
                LevelAt(n.Committee)!.Endorsements.Add(new EndorsementView(n.LeaderTitle, n.Date, n.Note));
                break;
            default:
                throw new InvalidOperationException($"Unknown report event {e.GetType().Name}.");
        }

        Version = entry.Version;
        var receipt = new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt);
        _keys[entry.IdempotencyKey] = (entry.RequestHash, receipt);
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

        History.Add(new HistoryEntry(entry.Version, entry.Kind, entry.OccurredAt, entry.ActorId, entry.ActorRole, e.Committee, e.Level, Describe(e)));
    }

    /// <summary>The overall status: where the report stands at the highest committee it has reached.</summary>
    public string Status => Top?.Status ?? "none";

    public InfoReportView ToView() => new(
        Id, Lead, CoAuthors, Title, Body, Status, Top?.Committee ?? "", SubmittedAt, Version,
        [.. Levels.Select(l => l.ToView())], [.. History]);

    public InboxItem? ToInboxItem(string committee)
    {
        var level = LevelAt(committee);
        return level is null
            ? null
            : new InboxItem(Id, level.Committee, level.Level, Title, Lead, level.FromCommittee, level.ReceivedAt,
                level.Status, level.Adopted, level.Forwarded, level.Endorsements.Count, Version);
    }

    private static string? Describe(InfoReportEvent e) => e switch
    {
        InfoReportForwarded f => $"to {f.To}",
        InfoReportDeclined d => d.Reason,
        InfoReportReturned r => r.Reason,
        InfoReportEndorsed n => n.Note is null ? $"{n.LeaderTitle} {n.Date:yyyy-MM-dd}" : $"{n.LeaderTitle} {n.Date:yyyy-MM-dd}: {n.Note}",
        _ => null,
    };
}
