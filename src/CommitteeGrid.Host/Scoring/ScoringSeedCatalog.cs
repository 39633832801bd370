using CommitteeGrid.Domain.Scoring;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// The shipped rule sets (seeds/scoring/*.json): the network-wide default (the file that names no
/// committee), and rules for given committees and years, recorded as version 1 at start-up.
/// </summary>
public sealed class ScoringSeedCatalog
{
    public ScoringSeedCatalog(ScoringRules defaultRules, IReadOnlyList<ScoringRules> committeeRules)
    {
        Default = defaultRules;
        CommitteeRules = committeeRules;
    }

    public ScoringRules Default { get; }

    public IReadOnlyList<ScoringRules> CommitteeRules { get; }

    /// <summary>Reads and validates every file of the folder; a shipped file that is not valid stops the start.</summary>
    public static ScoringSeedCatalog Load(string folder)
    {
        var candidates = Path.IsPathRooted(folder)
            ? [folder]
            : new[] { Path.GetFullPath(folder), Path.Combine(AppContext.BaseDirectory, folder) };
        var found = candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"The scoring rules folder '{folder}' was not found (looked in: {string.Join(", ", candidates)}). Set CommitteeGrid:ScoringSeeds.");

        ScoringRules? defaultRules = null;
        var committeeRules = new List<ScoringRules>();
        foreach (var file in Directory.GetFiles(found, "*.json").Order(StringComparer.Ordinal))
        {
            var document = ScoringRulesJson.ReadFile(file);
            var validation = ScoringRulesValidator.Validate(document, document.Committee, document.Year, 1);
            if (validation.Rules is not { } rules)
            {
                throw new InvalidOperationException($"The scoring rules in {file} are not valid: {string.Join("; ", validation.Problems)}");
            }

            if (!rules.IsDefault)
            {
                committeeRules.Add(rules);
            }
            else if (defaultRules is null)
            {
                defaultRules = rules;
            }
            else
            {
                throw new InvalidOperationException($"Two files in {found} name no committee; only one can be the network-wide default.");
            }
        }

        return new ScoringSeedCatalog(
            defaultRules ?? throw new InvalidOperationException($"No file in {found} is the network-wide default (a rules file that names no committee)."),
            committeeRules);
    }
}
