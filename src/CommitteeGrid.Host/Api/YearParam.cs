using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Host.Api;

internal static class YearParam
{
    public const int Min = 2000;
    public const int Max = 2100;

    /// <summary>The year asked for (default: this year in China), or a problem when it is not a plausible year.</summary>
    public static (int Year, IResult? Problem) Parse(string? text, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (CivilTime.YearOf(clock.GetUtcNow()), null);
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, null, out var year) && year is >= Min and <= Max
            ? (year, null)
            : (0, Problems.Invalid($"year '{text}' is not a year between {Min} and {Max}"));
    }
}
