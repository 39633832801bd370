using CommitteeGrid.Domain.Scoring;

namespace CommitteeGrid.Domain.Tests.Scoring;

public sealed class SubtreeFiguresTests
{
    [Fact]
    public void Member_paths_add_up_to_every_unit_from_the_root_down()
    {
        var byPath = new Dictionary<string, Dictionary<string, long>>
        {
            ["CN/P/C/G1/M1"] = new() { ["report.submitted"] = 2, ["report.adopted.county"] = 1 },
            ["CN/P/C/G1/M2"] = new() { ["report.submitted"] = 3 },
            ["CN/P/C/L/G2/M3"] = new() { ["report.submitted"] = 5 },
        };

        var figures = new SubtreeFigures("CN/P/C", byPath);

        Assert.Equal(10, figures.Of("C")["report.submitted"]);
        Assert.Equal(1, figures.Of("C")["report.adopted.county"]);
        Assert.Equal(5, figures.Of("G1")["report.submitted"]);
        Assert.Equal(5, figures.Of("L")["report.submitted"]);
        Assert.Equal(2, figures.Of("M1")["report.submitted"]);
        // Above the root nothing is summed; an unknown code has nothing.
        Assert.Empty(figures.Of("P"));
        Assert.Empty(figures.Of("M9"));
    }
}
