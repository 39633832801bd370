using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Security;
using Npgsql;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The API tests' hostile requests (a smaller run) against a host process on PostgreSQL: no 5xx, every
/// refusal a problem with a detail, no change accepted, and the ledger table exactly as long as before.
/// </summary>
[Collection("postgres")]
public sealed class PostgresFuzzTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Requests = 500;
    private const int Seed = 20_260_310;

    private static readonly string NetworkFile = Path.Combine(Bench.HostLauncher.RepositoryRoot(), "seeds", "demo-network.json");

    [Fact]
    public async Task Hostile_requests_against_PostgreSQL_mode_are_refused_and_leave_the_ledger_as_it_was()
    {
        var connection = await postgres.CreateDatabaseAsync("fuzz");
        // Forged tokens count as anonymous callers of one address; the per-address limit is tested elsewhere.
        await using var host = await HostProcess.Start(connection, NetworkFile, settings: ["--RateLimit:AnonymousPermitsPerWindow=1000000"]);
        using var http = FuzzRunner.NewClient(new Uri(host.Url));
        var world = await FuzzWorld.Prepare(http, new Host.Security.SigningKey(HostProcess.SigningKey, generated: false));
        var requests = new HostileRequestGenerator(Seed, world).Generate(Requests).ToList();
        var before = await LedgerRows(connection);

        var outcomes = await FuzzRunner.Run(http, requests, parallelism: 4);

        output.WriteLine($"seed {Seed}: " + string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
        var failures = FuzzRunner.Failures(outcomes, Seed);
        Assert.True(failures.Count == 0, $"{failures.Count} of {outcomes.Count} answers are wrong:\n{string.Join('\n', failures.Take(40))}\n{host.Output}");
        Assert.True(outcomes.Count(o => o.Request.MustRefuse) >= 250, "too few state-changing requests");
        Assert.True(before > 0, "the prepared reports and proposals should be in the ledger");
        Assert.Equal(before, await LedgerRows(connection));

        using var root = host.Client();
        var verify = JsonNode.Parse(await root.GetStringAsync("/api/verify/CN?waitSeconds=30"))!;
        Assert.Empty(verify["differences"]!.AsArray());
    }

    private static async Task<long> LedgerRows(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM cg_ledger", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
