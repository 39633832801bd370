namespace CommitteeGrid.Domain.Ledger;

/// <summary>
/// Which ledger entries concern a subtree: those crediting a member whose path is under
/// <see cref="SubtreePath"/>, and those bringing a report into the inbox of one of
/// <see cref="Committees"/> (the committees of the subtree). From is inclusive, To exclusive.
/// </summary>
public sealed record AuditQuery(string SubtreePath, IReadOnlyList<string> Committees, DateTimeOffset? From, DateTimeOffset? To, int Limit)
{
    public bool Covers(LedgerEntry entry) =>
        (From is null || entry.OccurredAt >= From) && (To is null || entry.OccurredAt < To)
        && (entry.Deltas.Any(d => d.Path == SubtreePath || d.Path.StartsWith(SubtreePath + "/", StringComparison.Ordinal))
            || (entry.Subject is not null && Committees.Contains(entry.Subject, StringComparer.Ordinal)));
}
