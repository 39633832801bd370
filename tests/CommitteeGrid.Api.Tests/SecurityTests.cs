using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Domain.Users;
using CommitteeGrid.Host.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static CommitteeGrid.Api.Tests.Infrastructure.DemoHostFixture;

namespace CommitteeGrid.Api.Tests;

/// <summary>
/// Signing in and being refused, over real HTTP: tokens that are missing, expired, forged, tampered
/// with; login and its cookie; and the ledger recording the real user and address.
/// </summary>
[Collection(FlowCollection.Name)]
public sealed class SecurityTests(DemoHostFixture host)
{
    private ApiClient Api => host.Api;

    [Fact]
    public async Task Every_api_call_without_a_token_is_401_with_WWW_Authenticate_but_health_is_open()
    {
        var anonymous = Api.Anonymous();
        foreach (var path in new[] { "api/network", $"api/units/{Xiangzhou}", "api/reports/R00000000000000000000", $"api/verify/{National}", "openapi/v1.json", "api/no/such/thing" })
        {
            var response = await anonymous.Get(path);
            Assert.True(response.Code == 401, $"{path}: {response}");
            Assert.StartsWith("Bearer", response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
            Assert.Equal("application/problem+json", response.MediaType);
            Assert.Contains("Authorization: Bearer", response.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(200, (await anonymous.Get("health/live")).Code);
        Assert.Equal(200, (await anonymous.Get("health/ready")).Code);
        Assert.Equal(200, (await anonymous.Get("login")).Code);
    }

    [Fact]
    public async Task Expired_forged_unsigned_and_tampered_tokens_are_refused()
    {
        var key = host.Services.GetRequiredService<SigningKey>();
        var user = TestUser.Staff(Xiangzhou);
        var expired = new TokenIssuer(key, new FixedClock(DateTimeOffset.UtcNow.AddHours(-3)), TimeSpan.FromHours(1)).Issue(user.Name, user.Role, user.Scope).Token;
        var otherKey = new TokenIssuer(new SigningKey(Encoding.UTF8.GetBytes(new string('k', 40)), generated: false), TimeProvider.System, TimeSpan.FromHours(1))
            .Issue(user.Name, user.Role, user.Scope).Token;
        var valid = Api.TokenFor(user);
        var parts = valid.Split('.');
        var unsigned = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        claims["cg_scope"] = National;
        var tampered = $"{parts[0]}.{Base64Url(claims.ToJsonString())}.{parts[2]}";

        Assert.Equal(200, (await GetWith(valid, $"api/units/{Xiangzhou}")).Code);
        (string Name, string Token, string Says)[] cases =
        [
            ("expired", expired, "expired"),
            ("signed with another key", otherKey, "signature"),
            ("alg none", unsigned, "refused"),
            ("payload changed to the national scope", tampered, "signature"),
            ("not a JWT", "not-a-token", "refused"),
        ];
        foreach (var (name, token, says) in cases)
        {
            var response = await GetWith(token, $"api/units/{Xiangzhou}");
            Assert.True(response.Code == 401, $"{name}: {response}");
            Assert.Contains("invalid_token", response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
            Assert.Contains(says, response.Detail, StringComparison.OrdinalIgnoreCase);
        }

        // A tampered token must not reach what the untampered one could not.
        Assert.Equal(403, (await GetWith(valid, $"api/units/{Xiangyang}")).Code);
        Assert.Equal(401, (await GetWith(tampered, $"api/units/{Xiangyang}")).Code);
    }

    [Fact]
    public async Task Login_gives_a_token_and_a_strict_HttpOnly_cookie_that_serves_GETs_only()
    {
        var name = $"login-{Guid.NewGuid():N}"[..20];
        await CreateUser(name, "correct horse battery", "staff", Xiangzhou);

        var wrong = await Login(name, "wrong password!");
        Assert.Equal(401, wrong.Response.Code);
        Assert.Equal("the name or the password is wrong", wrong.Response.Detail);
        var unknown = await Login("nobody-" + name, "correct horse battery");
        Assert.Equal(401, unknown.Response.Code);
        Assert.Equal(wrong.Response.Detail, unknown.Response.Detail);

        var (ok, cookie) = await Login(name, "correct horse battery");
        Assert.Equal(200, ok.Code);
        var token = ok.Json!["token"]!.GetValue<string>();
        Assert.Equal("Bearer", ok.Json["tokenType"]!.GetValue<string>());
        Assert.Equal(Xiangzhou, ok.Json["user"]!["scope"]!.GetValue<string>());
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"{"cg_token"}={token};", cookie, StringComparison.Ordinal);

        var me = await GetWith(token, "api/auth/me");
        Assert.Equal((name, "staff", Xiangzhou), (me.Json!["name"]!.GetValue<string>(), me.Json["role"]!.GetValue<string>(), me.Json["scope"]!.GetValue<string>()));

        // The cookie alone: a GET is served, a POST is not (the Authorization header is the CSRF defence).
        using var get = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        get.Headers.Add("Cookie", $"{"cg_token"}={token}");
        Assert.Equal(200, (await Api.Anonymous().Send(get)).Code);

        using var post = new HttpRequestMessage(HttpMethod.Post, "api/reports") { Content = ApiClient.JsonContent(new { author = "420607-M0001", title = "t", body = "b" }) };
        post.Headers.Add("Cookie", $"{"cg_token"}={token}");
        post.Headers.Add(ApiClient.KeyHeader, ApiClient.NewKey());
        var refused = await Api.Anonymous().Send(post);
        Assert.Equal(401, refused.Code);
        Assert.Contains("GET requests only", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_are_stored_as_the_standard_hasher_writes_them()
    {
        var name = $"hash-{Guid.NewGuid():N}"[..20];
        await CreateUser(name, "a long pass phrase", "viewer", Hubei);
        var stored = (await host.Services.GetRequiredService<IUserStore>().FindAsync(name))!;

        Assert.DoesNotContain("a long pass phrase", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored.PasswordHash)[0]); // the hasher's version 3 format marker
        var hasher = new PasswordHasher<UserAccount>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(stored, stored.PasswordHash, "a long pass phrase"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(stored, stored.PasswordHash, "a long pass phrasE"));

        // Salted: the same password hashes differently for another user.
        var passwords = host.Services.GetRequiredService<Passwords>();
        Assert.NotEqual(passwords.Hash(name, "a long pass phrase"), passwords.Hash(name, "a long pass phrase"));
    }

    [Fact]
    public async Task Ledger_entries_and_the_audit_trail_carry_the_signed_in_user_role_scope_and_address()
    {
        const string lead = "420607-M0020";
        var from = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        var submitted = await Api.Post("api/reports", new { author = lead, title = "关于审计的测试", body = "正文" }, actor: TestUser.Member(lead));
        Assert.Equal(201, submitted.Code);
        var id = submitted.ReportId!;
        var adopted = await Api.Post($"api/reports/{id}/actions", new { committee = Xiangzhou, action = "adopt" }, actor: TestUser.Staff(Xiangzhou));
        Assert.Equal(200, adopted.Code);

        var trail = await Api.As(TestUser.Staff(Xiangzhou)).Get($"api/units/{Xiangzhou}/audit?from={Uri.EscapeDataString(from)}&limit=1000");
        Assert.Equal(200, trail.Code);
        var entries = trail.Json!["entries"]!.AsArray().Where(e => e!["stream"]!.GetValue<string>() == $"report/{id}").ToList();
        Assert.Equal(["report.adopted", "report.submitted"], entries.Select(e => e!["event"]!.GetValue<string>()));
        (string, string, string, string) Actor(JsonNode? e) =>
            (e!["actor"]!["id"]!.GetValue<string>(), e["actor"]!["role"]!.GetValue<string>(), e["actor"]!["scope"]!.GetValue<string>(), e["actor"]!["address"]!.GetValue<string>());
        Assert.Equal(("staff-420607", "staff", Xiangzhou, "127.0.0.1"), Actor(entries[0]));
        Assert.Equal((lead, "member", lead, "127.0.0.1"), Actor(entries[1]));

        // The report's history names the same users; the city sees it in its subtree, a sibling county does not.
        var view = await Api.Get($"api/reports/{id}");
        Assert.Equal([lead, "staff-420607"], view.Json!["history"]!.AsArray().Select(h => h!["actor"]!.GetValue<string>()));
        var city = await Api.As(TestUser.Staff(Xiangyang)).Get($"api/units/{Xiangyang}/audit?limit=1000");
        Assert.Contains(city.Json!["entries"]!.AsArray(), e => e!["stream"]!.GetValue<string>() == $"report/{id}");
        Assert.Equal(403, (await Api.As(TestUser.Staff("420625")).Get($"api/units/{Xiangzhou}/audit")).Code);
        Assert.Equal(403, (await Api.As(TestUser.Viewer(Xiangzhou)).Get($"api/units/{Xiangzhou}/audit")).Code);
        var sibling = await Api.As(TestUser.Staff("420625")).Get($"api/units/420625/audit?limit=1000");
        Assert.DoesNotContain(sibling.Json!["entries"]!.AsArray(), e => e!["stream"]!.GetValue<string>() == $"report/{id}");
    }

    [Fact]
    public async Task Audit_query_values_are_checked()
    {
        var staff = Api.As(TestUser.Staff(Xiangzhou));
        Assert.Contains("from must be a date", (await staff.Get($"api/units/{Xiangzhou}/audit?from=yesterday")).Detail, StringComparison.Ordinal);
        Assert.Contains("earlier than to", (await staff.Get($"api/units/{Xiangzhou}/audit?from=2026-02-01&to=2026-01-01")).Detail, StringComparison.Ordinal);
        Assert.Equal(400, (await staff.Get($"api/units/{Xiangzhou}/audit?limit=0")).Code);
        var empty = await staff.Get($"api/units/{Xiangzhou}/audit?from=2001-01-01&to=2001-01-02");
        Assert.Equal(200, empty.Code);
        Assert.Empty(empty.Json!["entries"]!.AsArray());
    }

    [Fact]
    public async Task Members_see_their_own_reports_and_nobody_elses()
    {
        const string lead = "420607-M0021";
        const string coAuthor = "420607-M0022";
        var submitted = await Api.Post("api/reports", new { author = lead, coAuthors = new[] { coAuthor }, title = "关于联名的测试", body = "正文" }, actor: TestUser.Member(lead));
        Assert.Equal(201, submitted.Code);
        var id = submitted.ReportId!;

        Assert.Equal(200, (await Api.As(TestUser.Member(lead)).Get($"api/reports/{id}")).Code);
        Assert.Equal(200, (await Api.As(TestUser.Member(coAuthor)).Get($"api/reports/{id}")).Code);
        var stranger = await Api.As(TestUser.Member("420607-M0023")).Get($"api/reports/{id}");
        var missing = await Api.As(TestUser.Member("420607-M0023")).Get("api/reports/R00000000000000000001");
        Assert.Equal((404, 404), (stranger.Code, missing.Code));
        Assert.Equal(stranger.Detail!.Replace(id, "X", StringComparison.Ordinal), missing.Detail!.Replace("R00000000000000000001", "X", StringComparison.Ordinal));

        // 代录: county staff enter a report for a member of the county, recorded as theirs.
        var entered = await Api.Post("api/reports", new { author = "420607-M0024", title = "代录的报告", body = "正文" }, actor: TestUser.Staff(Xiangzhou));
        Assert.Equal(201, entered.Code);
        var history = (await Api.Get($"api/reports/{entered.ReportId}")).Json!["history"]!.AsArray();
        Assert.Equal("staff-420607", history[0]!["actor"]!.GetValue<string>());
        Assert.Equal(403, (await Api.Post("api/reports", new { author = "420607-M0024", title = "越权代录", body = "正文" }, actor: TestUser.Staff("420625"))).Code);
    }

    private async Task CreateUser(string name, string password, string role, string scope)
    {
        var passwords = host.Services.GetRequiredService<Passwords>();
        await host.Services.GetRequiredService<IUserStore>().UpsertAsync(new UserAccount(name, role, scope, passwords.Hash(name, password), DateTimeOffset.UtcNow));
    }

    private async Task<(ApiResponse Response, string? Cookie)> Login(string name, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = ApiClient.JsonContent(new { name, password }) };
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault() : null;
        return (new ApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, text.Length > 0 ? JsonNode.Parse(text) : null, false, null), cookie);
    }

    private Task<ApiResponse> GetWith(string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Api.Anonymous().Send(request);
    }

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
