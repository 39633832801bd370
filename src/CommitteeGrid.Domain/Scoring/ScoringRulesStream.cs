using System.Text.Json;
using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Domain.Scoring;

/// <summary>How scoring rules live in the ledger: one stream per committee and year, one entry per version.</summary>
public static class ScoringRulesStream
{
    public const string Replaced = "scoring-rules.replaced";

    public static string Of(string committee, int year) => $"rules/{committee}/{year}";

    /// <summary>
    /// The rules to record as <paramref name="nextVersion"/>, in their canonical JSON, or why not:
    /// 400 with every problem of the document, 409 when the caller edited another version than the current.
    /// </summary>
    public static (string? Json, Rejection? Rejection) Decide(string committee, int year, int nextVersion, string documentJson, int? expectedVersion)
    {
        var current = nextVersion - 1;
        if (expectedVersion is { } expected && expected != current)
        {
            return (null, new Rejection(RejectionKind.Conflict, current == 0
                ? $"the rules of {committee} for {year} have no version yet, but version {expected} was expected; send no expected version to record the first one"
                : $"the rules of {committee} for {year} are at version {current}, not {expected}: they were replaced meanwhile; read version {current} and apply your change to it"));
        }

        ScoringRulesDocument document;
        try
        {
            document = ScoringRulesJson.Read(documentJson);
        }
        catch (JsonException ex)
        {
            return (null, new Rejection(RejectionKind.Invalid, $"the rules document is not acceptable: {ex.Message}"));
        }

        var validation = ScoringRulesValidator.Validate(document, committee, year, nextVersion);
        return validation.Rules is { } rules
            ? (ScoringRulesJson.Write(rules), null)
            : (null, new Rejection(RejectionKind.Invalid, "the rules are not valid: " + string.Join("; ", validation.Problems)));
    }
}
