using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// The real in-process ledger behind a switch that makes one kind of read time out, as a database
/// kept busy by a cold start does.
/// </summary>
public sealed class FlakyLedger(ILedger inner) : ILedger
{
    /// <summary>Subjects whose inbox streams cannot be read while this returns true.</summary>
    public Func<string, bool> FailStreamsForSubject { get; set; } = _ => false;

    public Task<IReadOnlyDictionary<string, long>> StreamsForSubjectAsync(string subject, CancellationToken ct = default) =>
        FailStreamsForSubject(subject)
            ? Task.FromException<IReadOnlyDictionary<string, long>>(new TimeoutException($"the streams for {subject} could not be read in time"))
            : inner.StreamsForSubjectAsync(subject, ct);

    public Task<AppendOutcome> AppendAsync(LedgerEntry entry, CancellationToken ct = default) => inner.AppendAsync(entry, ct);

    public Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string stream, long afterVersion, CancellationToken ct = default) => inner.ReadStreamAsync(stream, afterVersion, ct);

    public Task<IReadOnlyList<TallySnapshot>> ReadMemberContributionsAsync(string member, CancellationToken ct = default) => inner.ReadMemberContributionsAsync(member, ct);

    public Task<IReadOnlyList<TallySnapshot>> ReadMemberTalliesAsync(string subtreePath, CancellationToken ct = default) => inner.ReadMemberTalliesAsync(subtreePath, ct);

    public Task<IReadOnlyDictionary<string, long>> ReadMemberVersionsAsync(string subtreePath, CancellationToken ct = default) => inner.ReadMemberVersionsAsync(subtreePath, ct);

    public Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberAsync(string subtreePath, int year, CancellationToken ct = default) =>
        inner.AggregateByMemberAsync(subtreePath, year, ct);

    public Task<IReadOnlyDictionary<string, Dictionary<string, long>>> AggregateByMemberBeforeAsync(string subtreePath, int year, DateTimeOffset before, CancellationToken ct = default) =>
        inner.AggregateByMemberBeforeAsync(subtreePath, year, before, ct);

    public Task<IReadOnlyDictionary<int, Dictionary<string, long>>> AggregateByMonthAsync(string subtreePath, int year, CancellationToken ct = default) =>
        inner.AggregateByMonthAsync(subtreePath, year, ct);

    public Task<IReadOnlyList<LedgerEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct = default) => inner.ReadAuditAsync(query, ct);

    public Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);
}
