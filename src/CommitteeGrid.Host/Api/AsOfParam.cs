using System.Globalization;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Host.Api;

/// <summary>The year and the day figures are asked "as of".</summary>
internal static class AsOfParam
{
    /// <summary>
    /// The year (default: asOf's year, else this year in China) and the past day to compute from the
    /// ledger; AsOf is null for live figures (no asOf, or asOf today).
    /// </summary>
    public static (int Year, DateOnly? AsOf, IResult? Problem) Parse(string? yearText, string? asOfText, TimeProvider clock)
    {
        var today = CivilTime.DateOf(clock.GetUtcNow());
        if (string.IsNullOrEmpty(asOfText))
        {
            var (year, badYear) = YearParam.Parse(yearText, clock);
            return (year, null, badYear);
        }

        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            return (0, null, Problems.Invalid($"asOf '{UnitEndpoints.Shorten(asOfText)}' is not a date written yyyy-MM-dd"));
        }

        var (y, bad) = string.IsNullOrEmpty(yearText) ? (asOf.Year, null) : YearParam.Parse(yearText, clock);
        if (bad is not null)
        {
            return (0, null, bad);
        }

        if (asOf.Year != y)
        {
            return (0, null, Problems.Invalid($"asOf {asOfText} is not in year {y}; figures are counted per year, so asOf must fall within it"));
        }

        if (asOf > today)
        {
            return (0, null, Problems.Invalid($"asOf {asOfText} is in the future (today is {today:yyyy-MM-dd} in China); figures exist up to today"));
        }

        return (y, asOf == today ? null : asOf, null);
    }
}
