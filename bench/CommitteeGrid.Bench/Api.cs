using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Bench;

/// <summary>The few calls the benchmark makes, over one pooled HttpClient.</summary>
public sealed class Api(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Sends a command; returns the response JSON on 2xx, throws with the problem text otherwise.</summary>
    public async Task<JsonNode> Command(string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }

        return JsonNode.Parse(text)!;
    }

    public async Task<long> Counter(string unit, string counter)
    {
        var tally = await http.GetFromJsonAsync<JsonNode>($"/api/units/{unit}/tally");
        return tally!["counters"]![counter]?.GetValue<long>() ?? 0;
    }

    public async Task<JsonNode> Verify(string unit, int waitSeconds) =>
        (await http.GetFromJsonAsync<JsonNode>($"/api/verify/{unit}?waitSeconds={waitSeconds}"))!;
}
