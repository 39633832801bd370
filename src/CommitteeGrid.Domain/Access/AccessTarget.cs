namespace CommitteeGrid.Domain.Access;

/// <summary>
/// What a request concerns, as unit codes: a unit, or a report (its authors and every committee whose
/// inbox it reached). A caller whose scope covers any one of the codes is related to the target.
/// </summary>
public sealed record AccessTarget(AccessTargetKind Kind, string Name, IReadOnlyList<string> Codes)
{
    public static AccessTarget None { get; } = new(AccessTargetKind.None, "", []);

    public static AccessTarget Unit(string code) => new(AccessTargetKind.Unit, $"unit {code}", [code]);

    public static AccessTarget Report(string id, IEnumerable<string> authors, IEnumerable<string> committees) =>
        new(AccessTargetKind.Report, $"report {id}", [.. authors.Concat(committees).Distinct(StringComparer.Ordinal)]);

    /// <summary>A proposal or duty record: the units it concerns; outside the caller's scope it is hidden like a report.</summary>
    public static AccessTarget Entity(string what, string id, IEnumerable<string> units) =>
        new(AccessTargetKind.Report, $"{what} {id}", [.. units.Distinct(StringComparer.Ordinal)]);

    /// <summary>A unit named in a command's body: the author a report is submitted for, the committee that acts.</summary>
    public static AccessTarget BodyUnit(string field, string code) => new(AccessTargetKind.Unit, $"{field} {code}", [code]);
}

public enum AccessTargetKind
{
    None,
    Unit,

    /// <summary>Something whose existence is itself not shown outside the caller's scope.</summary>
    Report,
}
