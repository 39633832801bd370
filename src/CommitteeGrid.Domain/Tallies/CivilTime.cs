namespace CommitteeGrid.Domain.Tallies;

/// <summary>Years and dates are counted in China Standard Time (UTC+8, no daylight saving), as committees count them.</summary>
public static class CivilTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset at) => at.ToOffset(Offset);

    public static int YearOf(DateTimeOffset at) => ToChina(at).Year;

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToChina(at).DateTime);
}
