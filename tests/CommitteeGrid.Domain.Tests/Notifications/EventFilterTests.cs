using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Which kinds a webhook takes: all by default, named kinds, or families such as "proposal.*".</summary>
public sealed class EventFilterTests
{
    [Fact]
    public void No_filter_takes_every_kind()
    {
        var (kinds, problem) = EventFilter.Check(null);
        Assert.Null(problem);
        Assert.Empty(kinds);
        Assert.All(EventKinds.All, k => Assert.True(EventFilter.Matches(kinds, k)));
    }

    [Fact]
    public void Named_kinds_and_families_take_exactly_theirs()
    {
        var (kinds, problem) = EventFilter.Check(["report.adopted", "proposal.*", "report.adopted"]);
        Assert.Null(problem);
        Assert.Equal(["report.adopted", "proposal.*"], kinds);

        var taken = EventKinds.All.Where(k => EventFilter.Matches(kinds, k)).ToList();
        Assert.Equal(["report.adopted", .. EventKinds.All.Where(k => k.StartsWith("proposal.", StringComparison.Ordinal))], taken);
        Assert.DoesNotContain("report.forwarded", taken);
    }

    [Theory]
    [InlineData("report.eaten")]
    [InlineData("REPORT.ADOPTED")]
    [InlineData("budget.*")]
    [InlineData("*")]
    [InlineData("")]
    public void Unknown_kinds_are_refused_with_the_list(string kind)
    {
        var (_, problem) = EventFilter.Check([kind]);
        Assert.NotNull(problem);
        Assert.Contains("is not known", problem);
        Assert.Contains(EventKinds.ProposalOverdue, problem);
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var (_, problem) = EventFilter.Check([.. Enumerable.Repeat("report.adopted", EventFilter.MaxEntries + 1)]);
        Assert.Contains("at most", problem);
    }
}
