using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Scoring;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// A committee's scoring rules (考核办法) for one year, keyed "{committee}/{year}". Every version is a
/// ledger entry of the stream "rules/{committee}/{year}"; the grain folds them and keeps the current one.
/// </summary>
public interface IScoringRulesGrain : IGrainWithStringKey
{
    /// <summary>The current version, or null when the committee has set no rules of its own for the year.</summary>
    [AlwaysInterleave]
    Task<RecordedRules?> GetCurrent();

    /// <summary>Every version, oldest first.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<RecordedRules>> GetVersions();

    /// <summary>
    /// Records <paramref name="rulesJson"/> (a rules document) as the next version. Refused when it is
    /// not valid (every problem listed) or, when <paramref name="expectedVersion"/> is given, when the
    /// current version is another one (someone else replaced the rules meanwhile).
    /// </summary>
    Task<CommandResult> Replace(CommandMeta meta, string rulesJson, int? expectedVersion);

    /// <summary>Records the shipped rules as version 1 unless the stream already has a version.</summary>
    Task<RecordedRules> Seed(string rulesJson);

    public static string KeyOf(string committee, int year) => $"{committee}/{year}";
}
