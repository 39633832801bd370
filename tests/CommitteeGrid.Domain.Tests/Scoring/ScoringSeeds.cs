using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Domain.Tests.Network;

namespace CommitteeGrid.Domain.Tests.Scoring;

/// <summary>The published rule sets shipped in seeds/scoring, read as the host reads them.</summary>
internal static class ScoringSeeds
{
    public static string Folder => Path.Combine(SeedFiles.RepositoryRoot, "seeds", "scoring");

    /// <summary>The network-wide default: the 100-point rules (pass at 60).</summary>
    public static ScoringRules Default => Load("default.json");

    /// <summary>襄阳市 2026: the 100-point rules for members, level-weighted unit rules.</summary>
    public static ScoringRules Xiangyang => Load("xiangyang-2026.json");

    /// <summary>襄州区 2026: 5 points per attendance, proposals 15 lead / 3 co-signer, no cap, no grades.</summary>
    public static ScoringRules Xiangzhou => Load("xiangzhou-2026.json");

    public static ScoringRules Load(string file)
    {
        var document = ScoringRulesJson.ReadFile(Path.Combine(Folder, file));
        var validation = ScoringRulesValidator.Validate(document, document.Committee, document.Year, 1);
        Assert.True(validation.IsValid, string.Join("; ", validation.Problems));
        return validation.Rules!;
    }

    public static Dictionary<string, long> Counts(params (string Counter, long Count)[] counts) =>
        counts.ToDictionary(c => c.Counter, c => c.Count, StringComparer.Ordinal);
}
