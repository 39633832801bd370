namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>Committees count years and date endorsements in China Standard Time (UTC+8).</summary>
public static class China
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now => DateTimeOffset.UtcNow.ToOffset(Offset);

    public static int Year => Now.Year;

    public static string Today => Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Tomorrow => Now.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
