using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Browser.Tests.Infrastructure;

/// <summary>Real HTTP calls to the host, for arranging data and checking what the API answers.</summary>
public sealed class Api(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonNode> Get(string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> Post(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Submits a report led by <paramref name="author"/>; returns its id.</summary>
    public async Task<string> Submit(string author, string title, string body) =>
        (await Post("api/reports", new { author, title, body }))["reportId"]!.GetValue<string>();

    public Task Act(string reportId, string committee, string action) =>
        Post($"api/reports/{reportId}/actions", new { committee, action });

    /// <summary>The members of an activity group, as the network lists them.</summary>
    public async Task<IReadOnlyList<string>> MembersOf(string group) =>
        [.. (await Get($"api/units/{group}"))["children"]!.AsArray()
            .Where(c => c!["kind"]!.GetValue<string>() == "member").Select(c => c!["code"]!.GetValue<string>())];

    /// <summary>The first member of an activity group, as the network lists it.</summary>
    public async Task<string> MemberOf(string group) =>
        (await Get($"api/units/{group}"))["children"]!.AsArray()
            .First(c => c!["kind"]!.GetValue<string>() == "member")!["code"]!.GetValue<string>();
}
