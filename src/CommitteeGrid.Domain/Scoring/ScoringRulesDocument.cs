namespace CommitteeGrid.Domain.Scoring;

/// <summary>
/// Scoring rules as written (seeds/scoring/*.json, the body of a replace request, a ledger payload):
/// every field optional here so that validation can list everything that is missing or wrong at once.
/// </summary>
public sealed class ScoringRulesDocument
{
    /// <summary>The committee the rules belong to; absent for the network-wide default.</summary>
    public string? Committee { get; set; }

    public int? Year { get; set; }

    /// <summary>Set by the ledger when the rules are recorded; ignored in a replace request.</summary>
    public int? Version { get; set; }

    public string? Name { get; set; }

    /// <summary>Where the rules come from and how they are read (e.g. what a cap covers).</summary>
    public string? Source { get; set; }

    public decimal? MaxTotal { get; set; }

    public List<ScoringItemDocument?>? MemberItems { get; set; }

    public List<ScoringItemDocument?>? UnitItems { get; set; }

    public List<GradeBandDocument?>? Grades { get; set; }

    public List<GradeBandDocument?>? UnitGrades { get; set; }
}

public sealed class ScoringItemDocument
{
    public string? Id { get; set; }

    public string? Label { get; set; }

    public string? LabelEn { get; set; }

    public List<string?>? Counters { get; set; }

    public decimal? Points { get; set; }

    public decimal? Cap { get; set; }

    public List<ScoringBonusDocument?>? Bonuses { get; set; }
}

public sealed class ScoringBonusDocument
{
    public string? Counter { get; set; }

    public decimal? Points { get; set; }
}

public sealed class GradeBandDocument
{
    public decimal? Min { get; set; }

    public string? Label { get; set; }

    public string? LabelEn { get; set; }
}
