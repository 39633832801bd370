using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>
/// Thin helpers over HttpClient: every call is a real HTTP request to the host, sent with a bearer
/// token for <see cref="User"/> (none when null) unless a call names another user.
/// </summary>
public sealed class ApiClient(HttpClient http, Func<TestUser, string> tokens, TestUser? user)
{
    public const string KeyHeader = "Idempotency-Key";

    /// <summary>Who requests are sent as by default; null sends no token.</summary>
    public TestUser? User => user;

    /// <summary>The same host, as another user.</summary>
    public ApiClient As(TestUser other) => new(http, tokens, other);

    /// <summary>The same host, with no token at all.</summary>
    public ApiClient Anonymous() => new(http, tokens, null);

    /// <summary>A token for any user, for tests that build their own requests.</summary>
    public string TokenFor(TestUser who) => tokens(who);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public Task<ApiResponse> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>POSTs <paramref name="body"/> as JSON with an idempotency key (a new one unless given).</summary>
    public Task<ApiResponse> Post(string path, object body, string? key = null, TestUser? actor = null) =>
        PostRaw(path, JsonSerializer.Serialize(body, JsonOptions), "application/json", key ?? NewKey(), actor);

    /// <summary>POSTs exactly the given text and headers; null leaves a part out.</summary>
    public Task<ApiResponse> PostRaw(string path, string? body, string? contentType, string? key, TestUser? actor = null) =>
        PostContent(path, body is null ? null : Encoded(Encoding.UTF8.GetBytes(body), contentType), key, actor);

    public Task<ApiResponse> PostContent(string path, HttpContent? content, string? key, TestUser? actor = null) =>
        PostContent(path, content, key is null ? [] : [key], actor);

    /// <summary>POSTs with the idempotency key header repeated once per value given.</summary>
    public Task<ApiResponse> PostContent(string path, HttpContent? content, IReadOnlyList<string> keys, TestUser? actor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var key in keys)
        {
            // Without validation: the tests send malformed keys on purpose.
            request.Headers.TryAddWithoutValidation(KeyHeader, key);
        }

        return Send(request, actor);
    }

    /// <summary>DELETEs with an idempotency key (a new one unless given).</summary>
    public Task<ApiResponse> Delete(string path, string? key = null, TestUser? actor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation(KeyHeader, key ?? NewKey());
        return Send(request, actor);
    }

    /// <summary>
    /// Starts a GET and returns as soon as the headers arrive, for responses that stream
    /// (text/event-stream); the caller disposes the response.
    /// </summary>
    public Task<HttpResponseMessage> Open(string path, IReadOnlyDictionary<string, string>? headers = null, TestUser? actor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Headers.Authorization is null && (actor ?? user) is { } who)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens(who));
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static ByteArrayContent JsonContent(object body) => Encoded(JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions), "application/json");

    public static ByteArrayContent Encoded(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    /// <summary>Sends as <paramref name="actor"/>, else as <see cref="User"/>; a request that already has an Authorization header keeps it.</summary>
    public async Task<ApiResponse> Send(HttpRequestMessage request, TestUser? actor = null)
    {
        using (request)
        {
            if (request.Headers.Authorization is null && (actor ?? user) is { } who)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens(who));
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            JsonNode? json = null;
            if (mediaType is not null && mediaType.Contains("json", StringComparison.Ordinal) && text.Length > 0)
            {
                json = JsonNode.Parse(text);
            }

            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            return new ApiResponse((int)response.StatusCode, mediaType, text, json, replayed, response.Headers.Location)
            {
                Headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
            };
        }
    }
}

public sealed record ApiResponse(int Code, string? MediaType, string Text, JsonNode? Json, bool Replayed, Uri? Location)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool IsSuccess => Code is >= 200 and < 300;

    public string? Detail => Json is JsonObject o && o["detail"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public string? ReportId => Json?["reportId"]?.GetValue<string>();

    /// <summary>The receipt as compact JSON, to compare receipts exactly.</summary>
    public string? Receipt => Json?["receipt"]?.ToJsonString();

    public override string ToString() => $"{Code} {MediaType} {(Text.Length > 400 ? Text[..400] + "…" : Text)}";
}
