using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tests.Network;
using CommitteeGrid.Domain.Validation;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Proposals;

/// <summary>Sessions decide a proposal's session and whether it came in during the plenary; handling units are validated and templated.</summary>
public sealed class ProposalCatalogTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static SessionDocument Session(string committee, int term, int session, string start, string end) => new()
    {
        Committee = committee,
        Term = term,
        Session = session,
        PlenaryStart = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        PlenaryEnd = DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory]
    [InlineData("2024-12-31T23:00:00", "10-4", false)]
    [InlineData("2025-01-03T00:00:00", "10-4", true)]
    [InlineData("2025-01-06T23:59:59", "10-4", true)]
    [InlineData("2025-01-07T00:00:00", "10-4", false)]
    [InlineData("2026-01-04T23:59:59", "10-4", false)]
    [InlineData("2026-01-05T00:00:00", "10-5", true)]
    [InlineData("2026-11-23T10:00:00", "10-5", false)]
    public void A_submission_belongs_to_the_session_in_force_on_its_china_date(string chinaTime, string session, bool duringPlenary)
    {
        var calendar = SessionCalendar.Build(new SessionsDocument
        {
            Sessions = [Session(County, 10, 5, "2026-01-05", "2026-01-08"), Session(County, 10, 4, "2025-01-03", "2025-01-06")],
        }, Build());
        var at = new DateTimeOffset(DateTime.Parse(chinaTime, System.Globalization.CultureInfo.InvariantCulture), China);

        var (found, plenary) = calendar.At(County, at);

        Assert.Equal((session, duringPlenary), (found.Id, plenary));
        Assert.Equal(["10-4", "10-5"], calendar.Of(County).Select(s => s.Id));
        Assert.True(calendar.IsSession(County, "10-4"));
        Assert.False(calendar.IsSession(County, "2026"));
    }

    [Fact]
    public void A_committee_without_sessions_has_one_per_year_in_china_time_never_in_plenary()
    {
        var calendar = SessionCalendar.Build(new SessionsDocument(), Build());

        var (session, plenary) = calendar.At(City, new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(("2027", "2027年度", false), (session.Id, session.Name, plenary));
        Assert.True(calendar.IsSession(City, "2027"));
        Assert.False(calendar.IsSession(City, "10-5"));
    }

    [Fact]
    public void Every_problem_of_a_sessions_document_is_listed_and_unknown_committees_are_skipped()
    {
        var document = new SessionsDocument
        {
            Sessions =
            [
                Session(Group, 1, 1, "2026-01-01", "2026-01-02"),
                Session(County, 0, 1, "2026-01-01", "2026-01-02"),
                Session(County, 1, 1, "2026-01-05", "2026-01-01"),
                Session(County, 1, 2, "2026-01-01", "2026-03-01"),
                Session(City, 1, 1, "2026-01-01", "2026-01-03"),
                Session(City, 1, 1, "2027-01-01", "2027-01-03"),
                Session(Province, 1, 1, "2026-01-01", "2026-01-05"),
                Session(Province, 1, 2, "2026-01-05", "2026-01-08"),
            ],
        };

        var problems = Assert.Throws<SeedValidationException>(() => SessionCalendar.Build(document, Build())).Problems;

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains($"'{Group}' is not a committee", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("term must be 1-99", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count(p => p.Contains("must end on or after its start and last at most 31 days", StringComparison.Ordinal)));
        Assert.Contains(problems, p => p.Contains($"'{City}' has session 1-1 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("1-1 and 1-2 overlap", StringComparison.Ordinal));

        var skipped = SessionCalendar.Build(new SessionsDocument { Sessions = [Session("999999", 1, 1, "2026-01-01", "2026-01-02")] }, Build());
        Assert.Equal((0, 1), (skipped.Count, skipped.Skipped));
    }

    [Fact]
    public void Committees_without_listed_units_get_their_levels_template_named_after_their_place()
    {
        var directory = HandlingUnitDirectory.Build(new HandlingUnitsDocument
        {
            Templates = new() { ["county"] = ["教育局", "民政局"], ["national"] = ["教育部"] },
            Units = [new HandlingUnitDocument { Code = "420607-H01", Name = "襄州区水利局", Committee = County }],
        }, Build());

        Assert.Equal([("420607-H01", "襄州区水利局")], directory.Of(County).Select(u => (u.Code, u.Name)));
        Assert.Equal([("420602-H01", "420602教育局"), ("420602-H02", "420602民政局")], directory.Of(SiblingCounty).Select(u => (u.Code, u.Name)));
        Assert.Equal("教育部", directory.Find("CN-H01")!.Name);
        Assert.Empty(directory.Of(City));
        Assert.Null(directory.Find("420600-H01"));
        Assert.Equal((90, 15), (directory.AnswerDays, directory.DueSoonDays));
    }

    [Fact]
    public void Every_problem_of_a_handling_units_document_is_listed()
    {
        var document = new HandlingUnitsDocument
        {
            AnswerDays = 0,
            DueSoonDays = -1,
            Templates = new() { ["township"] = ["局"], ["city"] = [] },
            Units =
            [
                new HandlingUnitDocument { Code = "bad code", Name = "x", Committee = County },
                new HandlingUnitDocument { Code = Lead, Name = "x", Committee = County },
                new HandlingUnitDocument { Code = "420607-H01", Name = "x", Committee = Group },
                new HandlingUnitDocument { Code = "420607-H02", Name = " ", Committee = County },
                new HandlingUnitDocument { Code = "420607-H03", Name = "甲", Committee = County },
                new HandlingUnitDocument { Code = "420607-H03", Name = "乙", Committee = County },
                new HandlingUnitDocument { Code = "999999-H01", Name = "丙", Committee = "999999" },
            ],
        };

        var problems = Assert.Throws<SeedValidationException>(() => HandlingUnitDirectory.Build(document, Build())).Problems;

        string[] expected =
        [
            "answerDays is 0", "dueSoonDays is -1", "'bad code' is not", $"'{Lead}' is already a unit or member",
            $"names '{Group}', which is not a committee", "'420607-H02' has no name", "'420607-H03' appears twice",
            "level 'township'", "the city template must list",
        ];
        Assert.Equal(expected.Length, problems.Count);
        foreach (var words in expected)
        {
            Assert.Contains(problems, p => p.Contains(words, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_seed_files_fit_the_demo_network()
    {
        var network = CommitteeNetwork.Build(NetworkJson.ReadFile(SeedFiles.DemoNetwork));

        var sessions = SessionCalendar.Build(ProposalSeedJson.Read<SessionsDocument>(Path.Combine(SeedFiles.RepositoryRoot, "seeds", "sessions.json")), network);
        var units = HandlingUnitDirectory.Build(ProposalSeedJson.Read<HandlingUnitsDocument>(Path.Combine(SeedFiles.RepositoryRoot, "seeds", "handling-units.json")), network);

        Assert.Equal(0, sessions.Skipped);
        Assert.Equal(0, units.Skipped);
        Assert.Equal("政协襄阳市襄州区第十届委员会第五次会议", sessions.At("420607", new DateTimeOffset(2026, 1, 3, 9, 0, 0, China)).Session.Name);
        Assert.Equal(8, units.Of("420607").Count);
        Assert.All(network.Units.Where(u => u.IsCommittee), c => Assert.NotEmpty(units.Of(c.Code)));
        Assert.Equal("湖北省教育厅", units.Find("420000-H01")!.Name);
        Assert.Equal("国家发展和改革委员会", units.Find("CN-H09")!.Name);
    }
}
