namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>
/// Counted proposal events (提案). The plain name credits the lead author (and counts the proposal once in
/// every unit's piece-times); the ".cosigner" variant credits each co-signer (联名), so that rule sets can
/// give co-signers their smaller share without double-counting proposals in unit tallies.
/// </summary>
public static class ProposalCounters
{
    public const string Submitted = "proposal.submitted";
    public const string Cosigned = "proposal.cosigned";
    public const string Registered = "proposal.registered";
    public const string NotRegistered = "proposal.not_registered";
    public const string Merged = "proposal.merged";
    public const string Key = "proposal.key";
    public const string Excellent = "proposal.excellent";

    /// <summary>Answered by the handling unit, class A (adopted/solved), B (being solved) or C (kept for reference).</summary>
    public static string Answered(char answerClass) => $"proposal.answered.{char.ToLowerInvariant(answerClass)}";

    /// <summary>A proposer's satisfaction rating: satisfied (满意), basically (基本满意), dissatisfied (不满意).</summary>
    public static string Rated(string rating) => $"proposal.rated.{rating}";

    public static string ForCosigner(string counter) => counter + ".cosigner";

    public static IReadOnlyList<string> All { get; } = BuildAll();

    private static List<string> BuildAll()
    {
        var lead = new List<string>
        {
            Submitted, Registered, NotRegistered, Merged, Key, Excellent,
            Answered('a'), Answered('b'), Answered('c'),
            Rated("satisfied"), Rated("basically"), Rated("dissatisfied"),
        };
        var all = new List<string> { Cosigned };
        all.AddRange(lead);
        all.AddRange(lead.Where(c => c != Submitted && !c.StartsWith("proposal.rated.", StringComparison.Ordinal)).Select(ForCosigner));
        return all;
    }
}
