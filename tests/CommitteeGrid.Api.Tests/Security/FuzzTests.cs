using System.Globalization;
using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Host.Security;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>
/// Thousands of generated malformed and hostile requests (<see cref="HostileRequestGenerator"/>) against
/// one host: never a 5xx, every refusal a problem with a detail, no state-changing request accepted, the
/// ledger exactly as long as before and every rollup still equal to it. The seed is fixed so that a run
/// repeats; set COMMITTEEGRID_FUZZ_SEED to explore others (a failure prints the seed and the request).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests(DemoHostFixture host, ITestOutputHelper output)
{
    private const int Requests = 3_200;
    private const int DefaultSeed = 20_260_305;

    [Fact]
    public async Task Thousands_of_hostile_requests_are_refused_with_problems_and_change_nothing()
    {
        var seed = Environment.GetEnvironmentVariable("COMMITTEEGRID_FUZZ_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : DefaultSeed;
        using var http = FuzzRunner.NewClient(host.BaseAddress);
        var world = await FuzzWorld.Prepare(http, host.Services.GetRequiredService<SigningKey>());
        var requests = new HostileRequestGenerator(seed, world).Generate(Requests).ToList();
        var before = await host.LedgerEntries();

        var outcomes = await FuzzRunner.Run(http, requests, parallelism: 8);

        output.WriteLine($"seed {seed}: {outcomes.Count} requests; answers: " +
            string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
        var failures = FuzzRunner.Failures(outcomes, seed);
        Assert.True(failures.Count == 0, $"{failures.Count} of {outcomes.Count} answers are wrong:\n{string.Join('\n', failures.Take(40))}");

        // Broad enough to mean something: most endpoints, both reads and changes, many kinds of refusal.
        Assert.True(requests.Select(r => r.Method + " " + r.Path.Split('?')[0]).Distinct().Count() >= 40, "too few distinct endpoints were exercised");
        Assert.True(outcomes.Count(o => o.Request.MustRefuse) >= 1_500, "too few state-changing requests");
        Assert.True(outcomes.Select(o => o.Status).Distinct().Count() >= 6, "too few kinds of answer: " + string.Join(", ", outcomes.Select(o => o.Status).Distinct()));

        Assert.Equal(before, await host.LedgerEntries());
        var verify = await host.Api.Get($"api/verify/{host.RootCode}?waitSeconds=30");
        Assert.True(verify.Code == 200, verify.ToString());
        Assert.Empty(verify.Json!["differences"]!.AsArray());
    }
}
