using System.Net.Http.Headers;
using System.Text;
using CommitteeGrid.Api.Tests.Infrastructure;
using static CommitteeGrid.Api.Tests.Infrastructure.DemoHostFixture;

namespace CommitteeGrid.Api.Tests;

/// <summary>
/// Every way a request can be wrong: the answer is a 4xx problem+json whose detail says what is wrong,
/// and the ledger (the one record of what happened) does not move.
/// </summary>
[Collection(ErrorsCollection.Name)]
public sealed class ApiErrorTests(DemoHostFixture host)
{
    private const string Lead = "420607-M0001";
    private const string Other = "420607-M0002";
    private static readonly TestUser CountyStaff = TestUser.Staff(Xiangzhou);
    private const string UnknownReport = "R00000000000000000000";

    public static TheoryData<string> Cases
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in ErrorCases.All.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Error_answers_a_problem_that_names_it_and_changes_nothing(string name)
    {
        var error = ErrorCases.All[name];
        var reports = await host.Shared("error-reports", PreparedReports.Create);
        var before = await host.LedgerEntries();

        var response = await error.Send(host.Api, reports);

        Assert.True(response.Code is >= 400 and < 500, $"{name}: expected a 4xx answer, got {response}");
        Assert.Equal(error.Status, response.Code);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(response.Code, response.Json?["status"]?.GetValue<int>());
        var detail = response.Detail;
        Assert.False(string.IsNullOrWhiteSpace(detail), $"{name}: the problem has no detail: {response}");
        foreach (var words in error.Mentions)
        {
            Assert.True(detail.Contains(words, StringComparison.OrdinalIgnoreCase), $"{name}: the detail \"{detail}\" does not mention \"{words}\"");
        }

        foreach (var words in error.MustNotMention)
        {
            Assert.False(detail.Contains(words, StringComparison.OrdinalIgnoreCase), $"{name}: the detail \"{detail}\" mentions \"{words}\"");
        }

        Assert.Equal(before, await host.LedgerEntries());
    }

    /// <summary>
    /// A chunked body (no Content-Length) far over the limit. Whether the host's 64 KiB check or
    /// Kestrel's 256 KiB limit trips first is a race, so ten attempts are made; every answer must be a 4xx.
    /// </summary>
    [Fact]
    public async Task Oversized_chunked_body_is_refused_with_a_problem_not_a_server_error()
    {
        var before = await host.LedgerEntries();
        var answers = new List<ApiResponse>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                answers.Add(await host.Api.PostContent("api/reports", new ChunkedJson(4_000_000), ApiClient.NewKey()));
            }
            catch (HttpRequestException)
            {
                // The server may close the connection before the client has sent everything: no answer to judge.
            }
        }

        Assert.NotEmpty(answers);
        Assert.All(answers, a =>
        {
            Assert.True(a.Code is >= 400 and < 500, $"a 4 MB chunked body got {a}");
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.Contains("larger than", a.Detail ?? "", StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(before, await host.LedgerEntries());
    }

    /// <summary>A valid submission of about <paramref name="bytes"/> bytes sent without a Content-Length.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly int _bytes;

        public ChunkedJson(int bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes($$"""{"author":"{{Lead}}","title":"t","body":"{{new string('x', _bytes)}}"}"""));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Reports in known states that the transition cases act on; made once per host.</summary>
    public sealed class PreparedReports
    {
        public required string Fresh { get; init; }

        public required string Adopted { get; init; }

        public required string Forwarded { get; init; }

        public required string AtNational { get; init; }

        public required string SubmitKey { get; init; }

        public required string AdoptKey { get; init; }

        public required string EndorsedBy { get; init; }

        public required string EndorsedOn { get; init; }

        public static async Task<PreparedReports> Create(ApiClient api)
        {
            var submitKey = ApiClient.NewKey();
            var fresh = await Submit(api, Lead, submitKey);
            var adopted = await Submit(api, "420607-M0003");
            var adoptKey = ApiClient.NewKey();
            await Act(api, adopted, Xiangzhou, new { committee = Xiangzhou, action = "adopt" }, adoptKey);
            var endorsedOn = China.Today;
            await Act(api, adopted, Xiangzhou, new { committee = Xiangzhou, action = "endorse", leaderTitle = "区政协主席", date = endorsedOn });
            var forwarded = await Submit(api, "420607-M0004");
            await Act(api, forwarded, Xiangzhou, new { committee = Xiangzhou, action = "forward" });
            var top = await Submit(api, "420607-M0005");
            await Act(api, top, Xiangzhou, new { committee = Xiangzhou, action = "forward" });
            await Act(api, top, Xiangyang, new { committee = Xiangyang, action = "forward" });
            await Act(api, top, Hubei, new { committee = Hubei, action = "forward" });
            return new PreparedReports
            {
                Fresh = fresh,
                Adopted = adopted,
                Forwarded = forwarded,
                AtNational = top,
                SubmitKey = submitKey,
                AdoptKey = adoptKey,
                EndorsedBy = "区政协主席",
                EndorsedOn = endorsedOn,
            };
        }

        private static async Task<string> Submit(ApiClient api, string lead, string? key = null)
        {
            var response = await api.Post("api/reports", ErrorCases.Submission(lead), key, TestUser.Member(lead));
            Assert.True(response.Code == 201, $"preparing a report failed: {response}");
            return response.ReportId!;
        }

        private static async Task Act(ApiClient api, string report, string committee, object action, string? key = null)
        {
            var response = await api.Post($"api/reports/{report}/actions", action, key, TestUser.Staff(committee));
            Assert.True(response.Code == 200, $"preparing report {report} failed: {response}");
        }
    }

    /// <summary>A JSON POST carrying exactly the given bearer token.</summary>
    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path) { Content = ApiClient.JsonContent(ErrorCases.Submission(Lead)) };
        request.Headers.Add(ApiClient.KeyHeader, ApiClient.NewKey());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>One wrong request: how to send it, the status it must get, and words its detail must contain.</summary>
    public sealed record ErrorCase(
        int Status,
        Func<ApiClient, PreparedReports, Task<ApiResponse>> Send,
        string[] Mentions,
        string[] MustNotMention);

    private static class ErrorCases
    {
        public static object Submission(string lead, string title = "关于农村饮水安全的建议") =>
            new { author = lead, title, body = "部分村组供水管网老化，建议列入年度改造计划。" };

        // Declared before All: static fields are initialized in order, and Build reads these.
        private static readonly (string Label, string Value)[] MalformedReportIds =
        [
            ("too short", "R123"),
            ("lower-case r", "r0123456789abcdef0123"),
            ("upper-case hex", "R0123456789ABCDEF0123"),
            ("not hex", "R0123456789abcdef012g"),
            ("one digit too many", "R0123456789abcdef01234"),
            ("path traversal", "../../etc/passwd"),
            ("SQL", "R0'; DROP TABLE ledger;--"),
            ("5,000 characters", new string('A', 5000)),
            ("non-ASCII", "R一二三四五六七八九十一二三四五六七八九十"),
        ];

        private static readonly (string Label, string Value)[] MalformedUnitCodes =
        [
            ("path traversal", "../../etc/passwd"),
            ("backslashes", @"..\..\windows"),
            ("SQL", "x' OR '1'='1"),
            ("statement", "CN;DROP TABLE ledger"),
            ("leading hyphen", "-CN"),
            ("41 characters", new string('A', 41)),
            ("5,000 characters", new string('A', 5000)),
            ("non-ASCII", "襄州区"),
            ("encoded slash", "CN/420000"),
        ];

        public static readonly Dictionary<string, ErrorCase> All = Build();

        private static Dictionary<string, ErrorCase> Build()
        {
            var cases = new Dictionary<string, ErrorCase>(StringComparer.Ordinal);
            void Add(string name, int status, Func<ApiClient, PreparedReports, Task<ApiResponse>> send, params string[] mentions) =>
                cases.Add(name, new ErrorCase(status, send, mentions, []));
            void AddNot(string name, int status, Func<ApiClient, PreparedReports, Task<ApiResponse>> send, string[] mentions, string[] mustNot) =>
                cases.Add(name, new ErrorCase(status, send, mentions, mustNot));

            var validJson = $$"""{"author":"{{Lead}}","title":"标题","body":"正文"}""";
            Task<ApiResponse> SubmitRaw(ApiClient api, string? body, string? contentType = "application/json") =>
                api.PostRaw("api/reports", body, contentType, ApiClient.NewKey(), TestUser.Member(Lead));
            Task<ApiResponse> SubmitBytes(ApiClient api, byte[] body) =>
                api.PostContent("api/reports", ApiClient.Encoded(body, "application/json"), ApiClient.NewKey(), TestUser.Member(Lead));
            Task<ApiResponse> Submit(ApiClient api, object body) => api.Post("api/reports", body, actor: TestUser.Member(Lead));
            Task<ApiResponse> ActRaw(ApiClient api, string report, string body) =>
                api.PostRaw($"api/reports/{report}/actions", body, "application/json", ApiClient.NewKey(), CountyStaff);
            Task<ApiResponse> Act(ApiClient api, string report, object body, TestUser? actor = null) =>
                api.Post($"api/reports/{report}/actions", body, actor: actor ?? CountyStaff);
            Task<ApiResponse> Revise(ApiClient api, string report, string author, TestUser? actor = null) =>
                api.Post($"api/reports/{report}/revision", new { author, title = "修改稿", body = "补充了数据来源。" }, actor: actor ?? TestUser.Member(author));

            // Access: who may do it, checked before anything else about the command.
            Add("access: no token", 401, (api, _) => api.Anonymous().PostRaw("api/reports", validJson, "application/json", ApiClient.NewKey()), "Authorization: Bearer");
            Add("access: a forged token", 401, (api, _) => api.Send(Bearer(HttpMethod.Post, "api/reports", "e30.e30.c2lnbmF0dXJl")), "token was refused");
            Add("access: a member submits for another member", 403, (api, _) => api.Post("api/reports", Submission(Other), actor: TestUser.Member(Lead)), "author 420607-M0002 is outside");
            Add("access: county staff act for the city", 403, (api, r) => Act(api, r.Forwarded, new { committee = Xiangyang, action = "adopt" }), "committee 420600 is outside");
            Add("access: a viewer acts", 403, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "adopt" }, TestUser.Viewer(Xiangzhou)), "role 'viewer'", "staff");
            Add("access: staff of another province act on a report", 404, (api, r) => Act(api, r.Fresh, new { committee = Sichuan, action = "adopt" }, TestUser.Staff(Sichuan)), "does not exist or is outside your scope");
            Add("access: an operator submits", 403, (api, _) => api.Post("api/reports", Submission(Lead), actor: TestUser.Operator(National)), "role 'operator'");

            // Idempotency-Key: every state-changing request needs exactly one well-formed key.
            Add("key: missing", 400, (api, _) => api.PostRaw("api/reports", validJson, "application/json", key: null), "Idempotency-Key", "required");
            Add("key: blank", 400, (api, _) => api.PostRaw("api/reports", validJson, "application/json", "   "), "Idempotency-Key", "required");
            Add("key: two values", 400, (api, _) => api.PostContent("api/reports", ApiClient.Encoded(Encoding.UTF8.GetBytes(validJson), "application/json"), ["k-one", "k-two"]), "Idempotency-Key", "one value");
            Add("key: 101 characters", 400, (api, _) => api.PostRaw("api/reports", validJson, "application/json", new string('k', 101)), "Idempotency-Key", "1-100");
            Add("key: contains a space", 400, (api, _) => api.PostRaw("api/reports", validJson, "application/json", "two words"), "Idempotency-Key", "without spaces");
            Add("key: missing on an action", 400, (api, r) => api.PostRaw($"api/reports/{r.Fresh}/actions", """{"committee":"420607","action":"adopt"}""", "application/json", key: null), "Idempotency-Key", "required");
            Add("key: missing on a revision", 400, (api, r) => api.PostRaw($"api/reports/{r.Fresh}/revision", validJson, "application/json", key: null), "Idempotency-Key", "required");
            Add("key: reused for a different submission", 422, (api, r) => api.Post("api/reports", Submission(Lead, "另一份报告"), r.SubmitKey, TestUser.Member(Lead)), "already used for a different request");
            Add("key: reused for a different action", 422, (api, r) => api.Post($"api/reports/{r.Adopted}/actions", new { committee = Xiangzhou, action = "decline" }, r.AdoptKey, CountyStaff), "already used for a different request");

            // The body: present, JSON, an object, only known fields of the right types, within limits.
            Add("body: none", 400, (api, _) => api.PostContent("api/reports", null, ApiClient.NewKey()), "request body");
            Add("body: empty", 400, (api, _) => SubmitRaw(api, ""), "empty");
            Add("body: text/plain", 400, (api, _) => SubmitRaw(api, validJson, "text/plain"), "application/json");
            Add("body: form-encoded", 400, (api, _) => SubmitRaw(api, $"author={Lead}&title=t&body=b", "application/x-www-form-urlencoded"), "application/json");
            Add("body: truncated JSON", 400, (api, _) => SubmitRaw(api, $$"""{"author":"{{Lead}}","title":"""), "JSON");
            Add("body: trailing garbage", 400, (api, _) => SubmitRaw(api, validJson + " x"), "invalid");
            Add("body: single-quoted JSON", 400, (api, _) => SubmitRaw(api, "{'author':'420607-M0001'}"), "invalid");
            Add("body: JSON null", 400, (api, _) => SubmitRaw(api, "null"), "JSON object", "null");
            AddNot("body: array instead of object", 400, (api, _) => SubmitRaw(api, $"[{validJson}]"), ["JSON object"], ["CommitteeGrid.", "System."]);
            AddNot("body: string instead of object", 400, (api, _) => SubmitRaw(api, "\"a report\""), ["JSON object"], ["CommitteeGrid.", "System."]);
            AddNot("body: number instead of object", 400, (api, _) => SubmitRaw(api, "42"), ["JSON object"], ["CommitteeGrid.", "System."]);
            Add("body: unknown field", 400, (api, _) => SubmitRaw(api, $$"""{"author":"{{Lead}}","title":"t","body":"b","priority":"high"}"""), "unknown field 'priority'");
            Add("body: author is a number", 400, (api, _) => SubmitRaw(api, """{"author":420607,"title":"t","body":"b"}"""), "'author'", "wrong type");
            Add("body: coAuthors is a string", 400, (api, _) => SubmitRaw(api, $$"""{"author":"{{Lead}}","coAuthors":"{{Other}}","title":"t","body":"b"}"""), "'coAuthors'", "wrong type");
            Add("body: title is an object", 400, (api, _) => SubmitRaw(api, $$"""{"author":"{{Lead}}","title":{"zh":"t"},"body":"b"}"""), "'title'", "wrong type");
            Add("body: over 64 KiB, chunked", 413, (api, _) => api.PostContent("api/reports", new ChunkedJson(70_000), ApiClient.NewKey(), TestUser.Member(Lead)), "larger than 65536 bytes");
            Add("body: over 64 KiB", 413, (api, _) => Submit(api, new { author = Lead, title = "t", body = new string('x', 70_000) }), "larger than 65536 bytes");
            AddNot("body: invalid UTF-8", 400, (api, _) => SubmitBytes(api, [.. Encoding.UTF8.GetBytes($$"""{"author":"{{Lead}}","title":"""), (byte)'"', 0xFF, 0xFE, (byte)'"', .. ""","body":"b"}"""u8]), ["UTF-8"], ["wrong type"]);
            AddNot("body: lone surrogate in title", 400, (api, _) => SubmitRaw(api, $$"""{"author":"{{Lead}}","title":"a\ud800b","body":"b"}"""), ["title", "Unicode"], ["wrong type"]);

            // What a submission says must make sense in the network.
            Add("submit: author missing", 400, (api, _) => Submit(api, new { title = "t", body = "b" }), "author", "required");
            Add("submit: unknown author", 400, (api, _) => Submit(api, Submission("ZZ-NOBODY")), "'ZZ-NOBODY'", "not a member");
            Add("submit: author is an activity group", 400, (api, _) => api.Post("api/reports", Submission("420607-G01")), "'420607-G01'", "not a member");
            Add("submit: unknown co-author", 400, (api, _) => Submit(api, new { author = Lead, coAuthors = new[] { "ZZ-NOBODY" }, title = "t", body = "b" }), "co-author 'ZZ-NOBODY'");
            Add("submit: lead is also a co-author", 400, (api, _) => Submit(api, new { author = Lead, coAuthors = new[] { Lead }, title = "t", body = "b" }), "co-author");
            Add("submit: co-author named twice", 400, (api, _) => Submit(api, new { author = Lead, coAuthors = new[] { Other, Other }, title = "t", body = "b" }), "twice");
            Add("submit: 21 co-authors", 400, (api, _) => Submit(api, new { author = Lead, coAuthors = Enumerable.Range(2, 21).Select(i => $"420607-M{i:D4}").ToArray(), title = "t", body = "b" }), "at most 20 co-authors");
            Add("submit: title missing", 400, (api, _) => Submit(api, new { author = Lead, body = "b" }), "title is required");
            Add("submit: title blank", 400, (api, _) => Submit(api, new { author = Lead, title = "   ", body = "b" }), "title is required");
            Add("submit: title of 101 characters", 400, (api, _) => Submit(api, new { author = Lead, title = new string('题', 101), body = "b" }), "title has 101 characters");
            Add("submit: body of 1,501 characters", 400, (api, _) => Submit(api, new { author = Lead, title = "t", body = new string('文', 1501) }), "body has 1501 characters");
            Add("submit: control character in title", 400, (api, _) => Submit(api, new { author = Lead, title = "a\u0007b", body = "b" }), "control character");

            // Actions: a known action by a committee, with the fields that action needs.
            Add("action: unknown action", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":"420607","action":"approve"}"""), "action must be one of");
            Add("action: action as a number", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":"420607","action":1}"""), "action must be one of");
            Add("action: action missing", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":"420607"}"""), "action is required");
            Add("action: committee missing", 400, (api, r) => ActRaw(api, r.Fresh, """{"action":"adopt"}"""), "committee", "required");
            Add("action: committee is a number", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":420607,"action":"adopt"}"""), "'committee'", "wrong type");
            Add("action: unknown field", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":"420607","action":"adopt","urgent":true}"""), "unknown field 'urgent'");
            Add("action: date that does not exist", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":"420607","action":"endorse","leaderTitle":"主席","date":"2026-13-01"}"""), "yyyy-MM-dd");
            Add("action: date in another format", 400, (api, r) => ActRaw(api, r.Fresh, """{"committee":"420607","action":"endorse","leaderTitle":"主席","date":"23/11/2026"}"""), "yyyy-MM-dd");
            Add("action: endorsement dated tomorrow", 400, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "endorse", leaderTitle = "主席", date = China.Tomorrow }), "in the future");
            Add("action: endorsement without a date", 400, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "endorse", leaderTitle = "主席" }), "date", "required");
            Add("action: endorsement without a leader title", 400, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "endorse", date = China.Today }), "leaderTitle is required");
            Add("action: return without a reason", 400, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "return" }), "reason is required");
            Add("action: decline with a 501-character reason", 400, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "decline", reason = new string('因', 501) }), "reason has 501 characters");
            Add("action: unknown committee", 400, (api, r) => Act(api, r.Fresh, new { committee = "ZZ404", action = "adopt" }), "'ZZ404'", "not a committee");
            Add("action: committee is an activity group", 400, (api, r) => Act(api, r.Fresh, new { committee = "420607-G01", action = "adopt" }), "'420607-G01'", "not a committee");
            Add("action: committee is a path", 400, (api, r) => Act(api, r.Fresh, new { committee = "../CN", action = "adopt" }), "not a committee");

            // Transitions the state machine does not allow.
            Add("transition: forward past a level", 409, (api, r) => Act(api, r.Fresh, new { committee = Xiangzhou, action = "forward", forwardTo = Hubei }), "one level at a time", Xiangyang);
            Add("transition: act where it was never forwarded", 409, (api, r) => Act(api, r.Fresh, new { committee = Xiangyang, action = "adopt" }, TestUser.Staff(Xiangyang)), "has not been submitted or forwarded to committee 420600");
            Add("transition: act in another province", 409, (api, r) => Act(api, r.Fresh, new { committee = Sichuan, action = "adopt" }, TestUser.Staff(National)), "510000");
            Add("transition: adopt twice", 409, (api, r) => Act(api, r.Adopted, new { committee = Xiangzhou, action = "adopt" }), "already been adopted");
            Add("transition: decline after adoption", 409, (api, r) => Act(api, r.Adopted, new { committee = Xiangzhou, action = "decline" }), "can no longer be declined");
            Add("transition: return after adoption", 409, (api, r) => Act(api, r.Adopted, new { committee = Xiangzhou, action = "return", reason = "补充数据" }), "can no longer be returned");
            Add("transition: forward twice", 409, (api, r) => Act(api, r.Forwarded, new { committee = Xiangzhou, action = "forward" }), "already been forwarded");
            Add("transition: forward from the national committee", 409, (api, r) => Act(api, r.AtNational, new { committee = National, action = "forward" }, TestUser.Staff(National)), "highest");
            Add("transition: same endorsement twice", 409, (api, r) => Act(api, r.Adopted, new { committee = Xiangzhou, action = "endorse", leaderTitle = r.EndorsedBy, date = r.EndorsedOn }), "already recorded");
            Add("transition: revise when not returned", 409, (api, r) => Revise(api, r.Fresh, Lead), "has not been returned");
            Add("transition: revise by someone else", 403, (api, r) => Revise(api, r.Fresh, Other, CountyStaff), "only the lead author");
            Add("access: a member revises another member's report", 404, (api, r) => Revise(api, r.Fresh, Other), "does not exist or is outside your scope");

            // Reports that do not exist.
            Add("report: act on an unknown report", 404, (api, _) => Act(api, UnknownReport, new { committee = Xiangzhou, action = "adopt" }), UnknownReport, "does not exist");
            Add("report: revise an unknown report", 404, (api, _) => Revise(api, UnknownReport, Lead), UnknownReport, "does not exist");
            Add("report: read an unknown report", 404, (api, _) => api.Get($"api/reports/{UnknownReport}"), UnknownReport, "does not exist");

            // Report ids in the path: "R" and 20 lower-case hexadecimal digits, nothing else.
            foreach (var (label, id) in MalformedReportIds)
            {
                Add($"report id: {label} (read)", 400, (api, _) => api.Get($"api/reports/{Uri.EscapeDataString(id)}"), "is not a report id");
            }

            foreach (var (label, id) in MalformedReportIds.Where(m => m.Label is "path traversal" or "SQL" or "5,000 characters" or "non-ASCII"))
            {
                Add($"report id: {label} (act)", 400, (api, _) => Act(api, Uri.EscapeDataString(id), new { committee = Xiangzhou, action = "adopt" }), "is not a report id");
                Add($"report id: {label} (revise)", 400, (api, _) => Revise(api, Uri.EscapeDataString(id), Lead), "is not a report id");
            }

            // Unit codes in the path: 1-40 letters, digits or '-'.
            foreach (var (label, code) in MalformedUnitCodes)
            {
                Add($"unit code: {label} (unit)", 400, (api, _) => api.Get($"api/units/{Uri.EscapeDataString(code)}"), "is not a unit code");
            }

            foreach (var (label, code) in MalformedUnitCodes.Where(m => m.Label is "path traversal" or "SQL" or "non-ASCII"))
            {
                Add($"unit code: {label} (tally)", 400, (api, _) => api.Get($"api/units/{Uri.EscapeDataString(code)}/tally"), "is not a unit code");
                Add($"unit code: {label} (inbox)", 400, (api, _) => api.Get($"api/committees/{Uri.EscapeDataString(code)}/inbox"), "is not a unit code");
                Add($"unit code: {label} (verify)", 400, (api, _) => api.Get($"api/verify/{Uri.EscapeDataString(code)}"), "is not a unit code");
            }

            Add("unit: unknown (unit)", 404, (api, _) => api.Get("api/units/ZZ404"), "'ZZ404'", "not in the network");
            Add("unit: unknown (tally)", 404, (api, _) => api.Get("api/units/ZZ404/tally"), "'ZZ404'", "not in the network");
            Add("unit: unknown (inbox)", 404, (api, _) => api.Get("api/committees/ZZ404/inbox"), "'ZZ404'", "not in the network");
            Add("unit: unknown (verify)", 404, (api, _) => api.Get("api/verify/ZZ404"), "'ZZ404'", "not in the network");

            // Query parameters.
            foreach (var year in new[] { "1999", "2101", "abc", "2026.0", "-2026", "+2026", "２０２６", "99999999999" })
            {
                Add($"year: '{year}' (tally)", 400, (api, _) => api.Get($"api/units/CN/tally?year={Uri.EscapeDataString(year)}"), "is not a year between 2000 and 2100");
            }

            Add("year: '1999' (verify)", 400, (api, _) => api.Get("api/verify/CN?year=1999"), "is not a year between 2000 and 2100");
            Add("year: 'abc' (verify)", 400, (api, _) => api.Get("api/verify/CN?year=abc"), "is not a year between 2000 and 2100");
            foreach (var wait in new[] { "-1", "121", "abc", "1.5", "99999999999" })
            {
                Add($"waitSeconds: '{wait}'", 400, (api, _) => api.Get($"api/verify/CN?waitSeconds={Uri.EscapeDataString(wait)}"), "waitSeconds", "between 0 and 120");
            }

            Add("inbox: of an activity group", 400, (api, _) => api.Get("api/committees/420607-G01/inbox"), "'420607-G01'", "not a committee");
            Add("inbox: of a liaison office", 400, (api, _) => api.Get("api/committees/420607-L01/inbox"), "'420607-L01'", "not a committee");
            Add("inbox: of a member", 400, (api, _) => api.Get($"api/committees/{Lead}/inbox"), $"'{Lead}'", "not a committee");
            Add("inbox: unknown status", 400, (api, _) => api.Get("api/committees/420607/inbox?status=approved"), "status 'approved' is not one of");
            Add("inbox: status in capitals", 400, (api, _) => api.Get("api/committees/420607/inbox?status=PENDING"), "status 'PENDING' is not one of");
            foreach (var limit in new[] { "0", "1001", "-5", "abc", "10.5" })
            {
                Add($"inbox: limit '{limit}'", 400, (api, _) => api.Get($"api/committees/420607/inbox?limit={Uri.EscapeDataString(limit)}"), "limit", "between 1 and 1000");
            }

            return cases;
        }
    }
}
