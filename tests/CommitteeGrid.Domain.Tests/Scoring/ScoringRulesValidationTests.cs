using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Domain.Tests.Network;

namespace CommitteeGrid.Domain.Tests.Scoring;

public sealed class ScoringRulesValidationTests
{
    [Fact]
    public void Every_seed_is_valid_and_names_a_committee_of_the_demo_network()
    {
        var network = CommitteeNetwork.Build(NetworkJson.ReadFile(SeedFiles.DemoNetwork));
        var files = Directory.GetFiles(ScoringSeeds.Folder, "*.json");

        Assert.Contains(files, f => Path.GetFileName(f) == "default.json");
        foreach (var file in files)
        {
            var rules = ScoringSeeds.Load(Path.GetFileName(file));
            if (rules.IsDefault)
            {
                Assert.Equal("default.json", Path.GetFileName(file));
            }
            else
            {
                Assert.True(network.Find(rules.Committee)?.IsCommittee, $"{file} names {rules.Committee}, which is not a committee of the demo network");
            }

            // Each seed states how it reads a cap or that it has none.
            Assert.False(string.IsNullOrWhiteSpace(rules.Source));
        }
    }

    [Fact]
    public void A_city_and_a_county_of_the_demo_use_different_published_rules()
    {
        Assert.Equal(("420600", 2026, 100m), (ScoringSeeds.Xiangyang.Committee, ScoringSeeds.Xiangyang.Year, ScoringSeeds.Xiangyang.MaxTotal!.Value));
        Assert.Equal(("420607", (decimal?)null), (ScoringSeeds.Xiangzhou.Committee, ScoringSeeds.Xiangzhou.MaxTotal));
        Assert.Empty(ScoringSeeds.Xiangzhou.Grades);
        Assert.Equal(["优秀", "良好", "合格", "不合格"], ScoringSeeds.Xiangyang.Grades.Select(g => g.Label));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var document = ScoringRulesJson.Read("""
            {
              "committee": "420600", "year": 2026, "name": "",
              "maxTotal": 100,
              "memberItems": [
                { "id": "Bad Id", "label": "会议", "labelEn": "Meetings", "counters": ["duty.plenary", "duty.nap"], "points": 5 },
                { "id": "reports", "label": "信息", "labelEn": "Reports", "counters": ["report.submitted"], "points": 1001, "cap": -1,
                  "bonuses": [{ "counter": "report.submitted", "points": 5 }] },
                { "id": "reports", "label": "信息", "labelEn": "Reports", "counters": [], "points": 0.125 }
              ],
              "unitItems": [],
              "grades": [{ "min": 90, "label": "优秀", "labelEn": "excellent" }, { "min": 90, "label": "良好", "labelEn": "good" }, { "min": 120, "label": "特", "labelEn": "x" }]
            }
            """);

        var validation = ScoringRulesValidator.Validate(document, "420600", 2026, 1);

        Assert.False(validation.IsValid);
        string[] expected =
        [
            "name is required",
            "memberItems[0].id 'Bad Id'",
            "'duty.nap' is not a known counter",
            "points 1001 must be from 0 to 1000",
            "cap -1 must be more than 0",
            "counter 'report.submitted' is counted twice",
            "has item id 'reports' twice",
            "counters must list 1-20 counter names",
            "points 0.125 must be from 0 to 1000, with at most 2 decimals",
            "unitItems must list at least one item",
            "grades has two bands starting at 90",
            "grades[2].min 120 must be from 0 to maxTotal 100",
            "grades must have a band starting at 0",
        ];
        foreach (var fragment in expected)
        {
            Assert.Contains(validation.Problems, p => p.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, validation.Problems.Count);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void The_year_is_between_2000_and_2100(int year)
    {
        var document = ScoringRulesJson.Read(File.ReadAllText(Path.Combine(ScoringSeeds.Folder, "xiangyang-2026.json")));
        document.Year = null;

        var validation = ScoringRulesValidator.Validate(document, "420600", year, 1);

        Assert.Equal([$"year {year} is not between 2000 and 2100"], validation.Problems);
    }

    [Theory]
    [InlineData("420607", 2026, "the document names committee '420600' but is for committee '420607'")]
    [InlineData("420600", 2027, "the document is for year 2026 but is recorded for year 2027")]
    public void The_committee_and_year_must_agree_with_where_the_rules_go(string committee, int year, string problem)
    {
        var document = ScoringRulesJson.Read(File.ReadAllText(Path.Combine(ScoringSeeds.Folder, "xiangyang-2026.json")));

        var validation = ScoringRulesValidator.Validate(document, committee, year, 1);

        Assert.Equal([problem], validation.Problems);
    }

    [Fact]
    public void Unknown_fields_are_refused_when_read()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => ScoringRulesJson.Read("""{ "name": "x", "maxTotl": 100 }"""));
        Assert.Contains("maxTotl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_written_and_read_back_are_the_same_rules()
    {
        var rules = ScoringSeeds.Xiangyang with { Version = 4 };

        var json = ScoringRulesJson.Write(rules);
        var back = ScoringRulesJson.ReadRecorded(json, "420600", 2026, 4);

        Assert.Equal(json, ScoringRulesJson.Write(back));
        Assert.Contains("\"version\":4", json, StringComparison.Ordinal);
        Assert.Contains("社情民意信息", json, StringComparison.Ordinal);
        Assert.Equal(
            ScoreCalculator.ForMember(rules, ScoringSeeds.Counts(("duty.plenary", 3), ("report.submitted", 1))),
            ScoreCalculator.ForMember(back, ScoringSeeds.Counts(("duty.plenary", 3), ("report.submitted", 1))),
            new BreakdownComparer());
    }

    private sealed class BreakdownComparer : IEqualityComparer<ScoreBreakdown>
    {
        public bool Equals(ScoreBreakdown? x, ScoreBreakdown? y) =>
            x!.Total == y!.Total && x.Lines.SequenceEqual(y.Lines) && x.Items.SequenceEqual(y.Items) && x.Grade == y.Grade;

        public int GetHashCode(ScoreBreakdown obj) => obj.Total.GetHashCode();
    }
}
