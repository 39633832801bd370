using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Tests.Tallies;

/// <summary>Committees count years and dates in China Standard Time (UTC+8, no daylight saving).</summary>
public sealed class CivilTimeTests
{
    [Theory]
    [InlineData("2026-12-31T15:59:59+00:00", 2026)]
    [InlineData("2026-12-31T16:00:00+00:00", 2027)]
    [InlineData("2026-12-31T17:00:00+00:00", 2027)]
    [InlineData("2027-01-01T00:30:00+08:00", 2027)]
    [InlineData("2026-12-31T11:00:00-05:00", 2027)]
    [InlineData("2026-12-31T10:59:59-05:00", 2026)]
    public void The_year_is_the_year_in_China(string at, int year)
    {
        Assert.Equal(year, CivilTime.YearOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-03-01T15:59:59+00:00", "2026-03-01")]
    [InlineData("2026-03-01T16:00:00+00:00", "2026-03-02")]
    [InlineData("2026-07-01T23:59:59+08:00", "2026-07-01")]
    [InlineData("2026-07-01T20:00:00-04:00", "2026-07-02")]
    public void The_date_is_the_date_in_China(string at, string date)
    {
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), CivilTime.DateOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToChina_keeps_the_instant_and_shows_plus_eight()
    {
        var at = new DateTimeOffset(2026, 6, 30, 20, 0, 0, TimeSpan.Zero);

        var china = CivilTime.ToChina(at);

        Assert.Equal(at, china);
        Assert.Equal(TimeSpan.FromHours(8), china.Offset);
        Assert.Equal(new DateTime(2026, 7, 1, 4, 0, 0), china.DateTime);
    }
}
