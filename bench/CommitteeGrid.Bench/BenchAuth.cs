using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CommitteeGrid.Bench;

/// <summary>
/// The benchmark launches its hosts with a signing key it makes per run, and signs its own bearer
/// token with it (HS256, the claims the host expects): a staff member of the root committee, who may
/// enter reports for any member (代录) and act at every level. Rate limits are lifted for the run.
/// </summary>
public static class BenchAuth
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Settings every host the benchmark starts gets.</summary>
    public static IEnumerable<string> HostArgs() =>
    [
        $"--CommitteeGrid:SigningKey={Convert.ToBase64String(Key)}",
        "--RateLimit:PermitsPerWindow=100000000",
        "--RateLimit:AnonymousPermitsPerWindow=100000000",
    ];

    /// <summary>Sends the benchmark's token on every request of <paramref name="http"/> (CG_TOKEN for a host it did not start).</summary>
    public static void Authorize(HttpClient http, string rootCode, bool ownHost = true) =>
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            ownHost ? Token(UserFor(rootCode), "staff", rootCode) : Environment.GetEnvironmentVariable("CG_TOKEN") ?? "");

    /// <summary>The user the benchmark's token names: the ledger scopes idempotency keys by it ("user:key").</summary>
    public static string UserFor(string rootCode) => $"bench-staff-{rootCode}";

    public static string Token(string user, string role, string scope)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Part(new { alg = "HS256", typ = "JWT" });
        var payload = Part(new Dictionary<string, object>
        {
            ["iss"] = "committeegrid",
            ["aud"] = "committeegrid",
            ["sub"] = user,
            ["role"] = role,
            ["cg_scope"] = scope,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (24 * 3600),
        });
        var signature = HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
