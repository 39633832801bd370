namespace CommitteeGrid.Domain.Scoring;

public static class ScoreMath
{
    /// <summary>The same value without trailing zeros (30.0 → 30), so answers read as a person writes them.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Per-capita figures are shown to two decimals, halves rounded away from zero.</summary>
    public static decimal PerCapita(decimal total, int members) =>
        members <= 0 ? 0 : Normalize(decimal.Round(total / members, 2, MidpointRounding.AwayFromZero));
}
