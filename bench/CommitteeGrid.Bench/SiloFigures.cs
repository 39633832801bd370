using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Bench;

/// <summary>The silo's own account of its memory, GC pauses, ledger and activations (GET /api/ops/metrics).</summary>
public static class SiloFigures
{
    public static async Task<string> Read(HttpClient http, int top, CancellationToken ct) =>
        await Snapshot(http, ct) is { } ops ? Describe(ops, top) : "silo figures unavailable";

    /// <summary>The raw snapshot, or null when the silo did not answer (the run goes on without it).</summary>
    public static async Task<JsonNode?> Snapshot(HttpClient http, CancellationToken ct)
    {
        try
        {
            // Operators read the silo's figures; the benchmark's own token is a staff member's.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ops/metrics");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchAuth.Token("bench-operator", "operator", "CN"));
            using var response = await http.SendAsync(request, ct);
            return await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonNode>(ct);
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"silo figures: {ex.Message}");
            return null;
        }
    }

    public static string Describe(JsonNode ops, int top)
    {
        var activations = ops["activations"]!.AsObject();
        var total = activations.Sum(a => a.Value!.GetValue<int>());
        var named = activations.Take(top).Select(a => $"{a.Key} {a.Value!.GetValue<int>():N0}");
        return $"GC heap {ops["process"]!["gcHeapMiB"]!.GetValue<double>():N0} MiB; {total:N0} activations: {string.Join(", ", named)}";
    }

    /// <summary>
    /// Freshness as the silo itself measures it over the last minute, for every level: from a change's ledger
    /// time to the rollup applying it. Unlike the probe, this includes the busy parts of the tree, where each
    /// level waits up to its publish interval to coalesce a burst.
    /// </summary>
    public static string Freshness(JsonNode ops)
    {
        var levels = ops["freshness"]!.AsObject()
            .Where(l => l.Value!["count"]!.GetValue<long>() > 0)
            .Select(l => $"{l.Key} {l.Value!["p50Ms"]!.GetValue<double>():F0} / {l.Value["p99Ms"]!.GetValue<double>():F0}");
        return $"p50 / p99 ms (ledger time → applied, last minute): {string.Join(", ", levels)}";
    }

    /// <summary>Tallies each level published to its parent per second over the last minute: the stream traffic the rollups make.</summary>
    public static string Publishes(JsonNode ops)
    {
        var publishes = ops["rollupPublishes"]!;
        var levels = publishes["perSecondByLevel"]!.AsObject().Select(l => $"{l.Key} {l.Value!.GetValue<double>():N0}");
        return $"{publishes["perSecond"]!.GetValue<double>():N0}/s ({string.Join(", ", levels)})";
    }

    /// <summary>
    /// Time the silo stood still in GC between two snapshots, as a share of the wall time between them:
    /// every request in flight waits through a pause, so it adds straight to acknowledgement latency.
    /// </summary>
    public static string Pauses(JsonNode before, JsonNode after, double seconds)
    {
        double Paused(JsonNode n) => n["process"]!["gcPauseMs"]!.GetValue<double>();
        int Collections(JsonNode n, int gen) => n["process"]![$"gen{gen}Collections"]!.GetValue<int>();
        var paused = Paused(after) - Paused(before);
        var counts = string.Join(" / ", Enumerable.Range(0, 3).Select(g => (Collections(after, g) - Collections(before, g)).ToString("N0")));
        var append = after["ledger"]!["append"]!;
        return $"GC paused {paused / 1000 / seconds:P1} of the run ({paused / 1000:F1} s; gen0 / gen1 / gen2 collections {counts}); "
            + $"ledger append over the last minute p50 {append["p50Ms"]!.GetValue<double>():F1} / p99 {append["p99Ms"]!.GetValue<double>():F1} ms";
    }
}
