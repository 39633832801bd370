using System.Security.Cryptography;
using System.Text;

namespace CommitteeGrid.Domain.Proposals;

public static class ProposalIds
{
    /// <summary>P followed by 20 lower-case hexadecimal digits.</summary>
    public static bool IsProposalId(string? id) => IsId(id, 'P');

    /// <summary>
    /// The information report a proposal not registered is turned into: derived from the proposal, so
    /// a retried conversion reaches the same report.
    /// </summary>
    public static string ReportFor(string proposalId) => "R" + Hash("proposal-report/" + proposalId);

    /// <summary>An id with the given prefix derived from a scoped idempotency key: a retry lands on the same grain.</summary>
    public static string FromKey(char prefix, string scopedKey) => prefix + Hash(scopedKey);

    public static bool IsId(string? id, char prefix) =>
        id is { Length: 21 } && id[0] == prefix && id.Skip(1).All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
}
