using System.Diagnostics;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Postgres;

namespace CommitteeGrid.Bench;

/// <summary>The PostgreSQL ledger alone: durable appends per second and their latency, at a given concurrency.</summary>
public static class LedgerBench
{
    public static async Task<int> Run(string connection, int writers, int seconds)
    {
        await SchemaMigrator.MigrateAsync(connection);
        await using var ledger = new PostgresLedger(new PostgresLedgerOptions { ConnectionString = connection });
        await ledger.StartAsync(CancellationToken.None);
        var latency = new LatencyRecorder();
        var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        var run = Guid.NewGuid().ToString("N")[..8];
        long appended = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var entry = new LedgerEntry($"bench/{run}/{w}/{i}", 1, "report.submitted", """{"n":1}""", $"{run}:{w}:{i}", "h", "bench", "staff", null, null,
                    DateTimeOffset.UtcNow, null, [new TallyDelta($"M{w}", $"CN/P/M{w}", 2026, "report.submitted", 1)]);
                var started = Stopwatch.GetTimestamp();
                await ledger.AppendAsync(entry);
                latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref appended);
            }
        }));
        Console.WriteLine($"ledger: {appended / clock.Elapsed.TotalSeconds:N0} durable appends/s with {writers} concurrent writers; {latency.Summary()}");
        return 0;
    }
}
