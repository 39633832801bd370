using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Bench;

/// <summary>The silo's own account of its memory and activations (GET /api/ops/metrics), in a few words.</summary>
public static class SiloFigures
{
    public static async Task<string> Read(HttpClient http, int top, CancellationToken ct)
    {
        try
        {
            // Operators read the silo's figures; the benchmark's own token is a staff member's.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ops/metrics");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchAuth.Token("bench-operator", "operator", "CN"));
            using var response = await http.SendAsync(request, ct);
            var ops = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonNode>(ct);
            var activations = ops!["activations"]!.AsObject();
            var total = activations.Sum(a => a.Value!.GetValue<int>());
            var named = activations.Take(top).Select(a => $"{a.Key} {a.Value!.GetValue<int>():N0}");
            return $"GC heap {ops["process"]!["gcHeapMiB"]!.GetValue<double>():N0} MiB; {total:N0} activations: {string.Join(", ", named)}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }
}
