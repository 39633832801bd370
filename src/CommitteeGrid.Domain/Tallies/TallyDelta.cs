namespace CommitteeGrid.Domain.Tallies;

/// <summary>
/// One counted change credited to one member, as stored with its ledger entry. Path is the member's
/// path in the network, so a subtree's count is a prefix match over the ledger.
/// </summary>
public sealed record TallyDelta(string Member, string Path, int Year, string Counter, long Delta);
