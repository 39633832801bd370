using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Memory;
using CommitteeGrid.Storage.Postgres;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>The two ledgers keep one contract; the grains cannot tell them apart.</summary>
public abstract class LedgerContractTests
{
    protected abstract Task<ILedger> NewLedger();

    private static LedgerEntry Entry(string stream, long version, string key, params TallyDelta[] deltas) => new(
        stream, version, "report.test", """{"n":1}""", key, "hash-" + key, "user", "staff", null, "127.0.0.1",
        new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), version == 1 ? "C1" : null, deltas);

    private static TallyDelta Credit(string member, string counter, int year = 2026, long delta = 1) =>
        new(member, "CN/P/C1/G/" + member, year, counter, delta);

    [Fact]
    public async Task An_append_is_readable_and_its_key_and_version_are_unique()
    {
        var ledger = await NewLedger();

        var first = await ledger.AppendAsync(Entry("report/a", 1, "u:k1", Credit("M1", "report.submitted")));
        var retry = await ledger.AppendAsync(Entry("report/a", 1, "u:k1", Credit("M1", "report.submitted")));
        var sameVersion = await ledger.AppendAsync(Entry("report/a", 1, "u:k2"));
        var second = await ledger.AppendAsync(Entry("report/a", 2, "u:k3", Credit("M1", "report.adopted.county")));

        Assert.Equal(AppendStatus.Appended, first.Status);
        Assert.Equal(AppendStatus.DuplicateKey, retry.Status);
        Assert.Equal("report/a", retry.Existing!.Stream);
        Assert.Equal("hash-u:k1", retry.Existing.RequestHash);
        Assert.Equal(AppendStatus.VersionConflict, sameVersion.Status);
        Assert.Equal(AppendStatus.Appended, second.Status);
        Assert.True(second.Seq > first.Seq);
        Assert.Equal(2, await ledger.CountAsync());

        var stream = await ledger.ReadStreamAsync("report/a", 0);
        Assert.Equal([1L, 2L], stream.Select(e => e.Version));
        Assert.Equal("""{"n":1}""", stream[0].Payload);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), stream[0].OccurredAt);
        Assert.Equal("127.0.0.1", stream[0].ActorAddress);
        Assert.Null(stream[0].ActorScope);
        Assert.Equal(Credit("M1", "report.submitted"), Assert.Single(stream[0].Deltas));
        Assert.Single(await ledger.ReadStreamAsync("report/a", 1));
        Assert.Empty(await ledger.ReadStreamAsync("report/none", 0));
    }

    [Fact]
    public async Task Member_contributions_sum_per_stream_with_the_last_crediting_version()
    {
        var ledger = await NewLedger();
        await ledger.AppendAsync(Entry("report/a", 1, "k1", Credit("M1", "report.submitted")));
        await ledger.AppendAsync(Entry("report/a", 2, "k2", Credit("M1", "report.adopted.county"), Credit("M2", "x")));
        await ledger.AppendAsync(Entry("report/a", 3, "k3", Credit("M2", "x")));
        await ledger.AppendAsync(Entry("report/b", 1, "k4", Credit("M1", "report.submitted", 2027)));

        var m1 = (await ledger.ReadMemberContributionsAsync("M1")).ToDictionary(s => s.ChildKey);

        Assert.Equal(2, m1.Count);
        Assert.Equal(2, m1["report/a"].Version);
        Assert.Equal(1, m1["report/a"].Counts[new TallyKey(2026, "report.submitted")]);
        Assert.Equal(1, m1["report/a"].Counts[new TallyKey(2026, "report.adopted.county")]);
        Assert.Equal(1, m1["report/b"].Counts[new TallyKey(2027, "report.submitted")]);
        Assert.Equal(3, Assert.Single(await ledger.ReadMemberContributionsAsync("M2")).Version);
        Assert.Empty(await ledger.ReadMemberContributionsAsync("nobody"));
    }

    [Fact]
    public async Task Member_tallies_of_subtrees_read_at_once_each_hold_only_their_own_members()
    {
        var ledger = await NewLedger();
        await ledger.AppendAsync(Entry("report/a", 1, "k1", new TallyDelta("M1", "CN/P/C1/G1/M1", 2026, "s", 1)));
        await ledger.AppendAsync(Entry("report/a", 2, "k2", new TallyDelta("M1", "CN/P/C1/G1/M1", 2026, "a", 1), new TallyDelta("M2", "CN/P/C1/G1/M2", 2026, "s", 1)));
        await ledger.AppendAsync(Entry("report/b", 1, "k3", new TallyDelta("M1", "CN/P/C1/G1/M1", 2027, "s", 2)));
        // G10 sorts right after G1 and G1- right before G1/: neither is inside G1.
        await ledger.AppendAsync(Entry("report/c", 1, "k4", new TallyDelta("M3", "CN/P/C1/G10/M3", 2026, "s", 4)));
        await ledger.AppendAsync(Entry("report/d", 1, "k5", new TallyDelta("M4", "CN/P/C1/G1-/M4", 2026, "s", 8)));

        // Asked together (a cold start heals thousands of groups at once), overlapping and empty ones too.
        var paths = new[] { "CN/P/C1/G1", "CN/P/C1/G10", "CN/P/C1/G1-", "CN/P/C1", "CN/P/C2", "CN/P/C", "CN/P/C1/G1/M1" };
        var reads = await Task.WhenAll(paths.Select(p => ledger.ReadMemberTalliesAsync(p)));
        var byPath = paths.Zip(reads).ToDictionary(x => x.First, x => x.Second.ToDictionary(t => t.ChildKey));

        var g1 = byPath["CN/P/C1/G1"];
        Assert.Equal(["M1", "M2"], g1.Keys.Order());
        Assert.Equal(2 + 1, g1["M1"].Version);
        Assert.Equal(1, g1["M1"].Counts[new TallyKey(2026, "s")]);
        Assert.Equal(1, g1["M1"].Counts[new TallyKey(2026, "a")]);
        Assert.Equal(2, g1["M1"].Counts[new TallyKey(2027, "s")]);
        Assert.Equal(2, g1["M2"].Version);
        Assert.Equal(4, Assert.Single(byPath["CN/P/C1/G10"]).Value.Counts[new TallyKey(2026, "s")]);
        Assert.Equal(8, Assert.Single(byPath["CN/P/C1/G1-"]).Value.Counts[new TallyKey(2026, "s")]);
        Assert.Equal(["M1", "M2", "M3", "M4"], byPath["CN/P/C1"].Keys.Order());
        Assert.Empty(byPath["CN/P/C2"]);
        Assert.Empty(byPath["CN/P/C"]);
        var own = Assert.Single(byPath["CN/P/C1/G1/M1"]);
        Assert.Equal(("M1", 3L), (own.Key, own.Value.Version));
    }

    [Fact]
    public async Task Member_versions_are_the_versions_of_the_member_tallies_under_each_path()
    {
        var ledger = await NewLedger();
        await ledger.AppendAsync(Entry("report/a", 1, "k1", new TallyDelta("M1", "CN/P/C1/G1/M1", 2026, "s", 1)));
        await ledger.AppendAsync(Entry("report/a", 2, "k2", new TallyDelta("M1", "CN/P/C1/G1/M1", 2026, "a", 1), new TallyDelta("M2", "CN/P/C1/G1/M2", 2026, "s", 1)));
        // A later entry of a stream that credits nobody does not move a member's version.
        await ledger.AppendAsync(Entry("report/a", 3, "k3"));
        await ledger.AppendAsync(Entry("report/b", 1, "k4", new TallyDelta("M1", "CN/P/C1/G1/M1", 2027, "s", 2)));
        await ledger.AppendAsync(Entry("report/b", 2, "k5", new TallyDelta("M1", "CN/P/C1/G1/M1", 2027, "a", 1)));
        await ledger.AppendAsync(Entry("report/c", 1, "k6", new TallyDelta("M3", "CN/P/C1/G10/M3", 2026, "s", 4)));

        var paths = new[] { "CN/P/C1/G1", "CN/P/C1/G10", "CN/P/C1", "CN/P/C2", "CN/P/C1/G1/M1" };
        var versions = await Task.WhenAll(paths.Select(p => ledger.ReadMemberVersionsAsync(p)));
        var tallies = await Task.WhenAll(paths.Select(p => ledger.ReadMemberTalliesAsync(p)));

        Assert.Equal(new Dictionary<string, long> { ["M1"] = 2 + 2, ["M2"] = 2 }, versions[0]);
        Assert.Equal(new Dictionary<string, long> { ["M3"] = 1 }, versions[1]);
        Assert.Empty(versions[3]);
        for (var i = 0; i < paths.Length; i++)
        {
            Assert.Equal(tallies[i].ToDictionary(t => t.ChildKey, t => t.Version), versions[i]);
        }
    }

    [Fact]
    public async Task Aggregation_takes_a_subtree_by_path_prefix_and_a_year()
    {
        var ledger = await NewLedger();
        await ledger.AppendAsync(Entry("report/a", 1, "k1", new TallyDelta("M1", "CN/P/C1/G/M1", 2026, "s", 1)));
        await ledger.AppendAsync(Entry("report/b", 1, "k2", new TallyDelta("M2", "CN/P/C10/G/M2", 2026, "s", 1)));
        await ledger.AppendAsync(Entry("report/c", 1, "k3", new TallyDelta("M1", "CN/P/C1/G/M1", 2027, "s", 5)));
        await ledger.AppendAsync(Entry("report/d", 1, "k4", new TallyDelta("M1", "CN/P/C1/G/M1", 2026, "s", 2)));

        var c1 = await ledger.AggregateByMemberAsync("CN/P/C1", 2026);
        var all = await ledger.AggregateByMemberAsync("CN", 2026);

        Assert.Equal(3, Assert.Single(c1).Value["s"]);
        Assert.Equal(2, all.Count);
        Assert.Equal(5, (await ledger.AggregateByMemberAsync("CN/P/C1/G/M1", 2027))["CN/P/C1/G/M1"]["s"]);
    }

    [Fact]
    public async Task Subjects_list_the_streams_that_entered_an_inbox_with_their_latest_version()
    {
        var ledger = await NewLedger();
        await ledger.AppendAsync(Entry("report/a", 1, "k1"));
        await ledger.AppendAsync(Entry("report/a", 2, "k2"));
        await ledger.AppendAsync(Entry("report/a", 3, "k3"));

        var streams = await ledger.StreamsForSubjectAsync("C1");

        Assert.Equal(3, streams["report/a"]);
        Assert.Empty(await ledger.StreamsForSubjectAsync("C2"));
    }

    [Fact]
    public async Task One_key_sent_to_two_streams_at_once_lands_once_with_only_its_own_counts()
    {
        var ledger = await NewLedger();

        // Issued together, so a batching ledger writes them in the same batch.
        var outcomes = await Task.WhenAll(
            ledger.AppendAsync(Entry("report/x", 1, "u:same", Credit("MX", "report.submitted"))),
            ledger.AppendAsync(Entry("report/y", 1, "u:same", Credit("MY", "report.submitted"))));

        Assert.Single(outcomes, o => o.Status == AppendStatus.Appended);
        var duplicate = Assert.Single(outcomes, o => o.Status == AppendStatus.DuplicateKey);
        Assert.Equal(1, await ledger.CountAsync());
        var winner = duplicate.Existing!.Stream;
        var (credited, spared) = winner == "report/x" ? ("MX", "MY") : ("MY", "MX");
        Assert.Single(await ledger.ReadMemberContributionsAsync(credited));
        Assert.Empty(await ledger.ReadMemberContributionsAsync(spared));
        Assert.Equal(1, (await ledger.AggregateByMemberAsync("CN", 2026)).Values.Sum(c => c["report.submitted"]));
    }

    [Fact]
    public async Task Many_concurrent_appends_all_land_once()
    {
        var ledger = await NewLedger();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i =>
            ledger.AppendAsync(Entry($"report/{i % 500}", (i / 500) + 1, $"key{i % 1500}", Credit($"M{i % 7}", "c")))));

        // Keys repeat from i = 1500 on: those 500 are duplicates, whichever of each pair came first.
        Assert.Equal(1500, outcomes.Count(o => o.Status == AppendStatus.Appended));
        Assert.Equal(500, outcomes.Count(o => o.Status != AppendStatus.Appended));
        Assert.Equal(1500, await ledger.CountAsync());
        var perMember = await ledger.AggregateByMemberAsync("CN", 2026);
        Assert.Equal(1500, perMember.Values.Sum(c => c["c"]));
    }

    [Fact]
    public async Task As_of_and_monthly_aggregations_follow_when_each_entry_occurred_in_China_time()
    {
        var ledger = await NewLedger();
        var china = TimeSpan.FromHours(8);
        // (when, member path, year, counter, delta): the first two straddle midnight of 31 March in China.
        (DateTimeOffset At, string Path, int Year, string Counter, long Delta)[] events =
        [
            (new DateTimeOffset(2026, 3, 31, 23, 59, 59, china), "CN/P/C1/G/M1", 2026, "report.submitted", 1),
            (new DateTimeOffset(2026, 4, 1, 0, 0, 0, china), "CN/P/C1/G/M1", 2026, "report.adopted.county", 1),
            (new DateTimeOffset(2026, 4, 20, 9, 0, 0, china), "CN/P/C1/G/M2", 2026, "report.submitted", 1),
            (new DateTimeOffset(2026, 6, 1, 10, 0, 0, china), "CN/P/C10/G/M3", 2026, "report.submitted", 1),
            (new DateTimeOffset(2026, 6, 2, 10, 0, 0, china), "CN/P/C1/G/M1", 2026, "report.submitted", 2),
            (new DateTimeOffset(2026, 12, 31, 23, 0, 0, china), "CN/P/C1/G/M2", 2026, "report.submitted", 1),
            (new DateTimeOffset(2027, 1, 1, 8, 0, 0, china), "CN/P/C1/G/M2", 2027, "report.submitted", 1),
        ];
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            var member = e.Path[(e.Path.LastIndexOf('/') + 1)..];
            await ledger.AppendAsync(Entry($"report/t{i}", 1, $"t{i}", new TallyDelta(member, e.Path, e.Year, e.Counter, e.Delta)) with { OccurredAt = e.At.ToUniversalTime() });
        }

        // Independently: everything in the subtree and year that occurred before the instant, per member path.
        Dictionary<string, Dictionary<string, long>> Recount(string subtree, DateTimeOffset before) => events
            .Where(e => e.Year == 2026 && e.At < before && (e.Path == subtree || e.Path.StartsWith(subtree + "/", StringComparison.Ordinal)))
            .GroupBy(e => e.Path)
            .ToDictionary(g => g.Key, g => g.GroupBy(e => e.Counter).ToDictionary(c => c.Key, c => c.Sum(e => e.Delta)));

        foreach (var endOfDay in new[] { new DateTime(2026, 3, 31), new DateTime(2026, 4, 1), new DateTime(2026, 6, 1), new DateTime(2026, 12, 31) })
        {
            var before = new DateTimeOffset(endOfDay.AddDays(1), china);
            foreach (var subtree in new[] { "CN", "CN/P/C1", "CN/P/C1/G/M2" })
            {
                var asOf = await ledger.AggregateByMemberBeforeAsync(subtree, 2026, before);
                var expected = Recount(subtree, before);
                Assert.Equal(expected.Keys.Order(), asOf.Keys.Order());
                foreach (var (path, counters) in expected)
                {
                    Assert.Equal(counters.OrderBy(c => c.Key), asOf[path].OrderBy(c => c.Key));
                }
            }
        }

        var months = await ledger.AggregateByMonthAsync("CN/P/C1", 2026);
        Assert.Equal([3, 4, 6, 12], months.Keys.Order());
        Assert.Equal(1, months[3]["report.submitted"]);
        Assert.Equal((1, 1), (months[4]["report.adopted.county"], months[4]["report.submitted"]));
        Assert.Equal(2, months[6]["report.submitted"]);
        Assert.Equal(1, months[12]["report.submitted"]);
        Assert.Equal(6, (await ledger.AggregateByMonthAsync("CN", 2026)).Sum(m => m.Value.GetValueOrDefault("report.submitted")));
    }
}

public sealed class MemoryLedgerContractTests : LedgerContractTests
{
    protected override Task<ILedger> NewLedger() => Task.FromResult<ILedger>(new MemoryLedger());
}

[Collection("postgres")]
public sealed class PostgresLedgerContractTests(PostgresFixture postgres) : LedgerContractTests, IAsyncLifetime
{
    private readonly List<PostgresLedger> _ledgers = [];

    protected override async Task<ILedger> NewLedger()
    {
        var connection = await postgres.CreateDatabaseAsync("ledger");
        await SchemaMigrator.MigrateAsync(connection);
        var ledger = new PostgresLedger(new PostgresLedgerOptions { ConnectionString = connection });
        await ledger.StartAsync(CancellationToken.None);
        _ledgers.Add(ledger);
        return ledger;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var ledger in _ledgers)
        {
            await ledger.DisposeAsync();
        }
    }
}
