using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Api.Tests.Scoring;

/// <summary>What the scoring tests do over HTTP again and again: submit and act on reports, wait for tallies, read JSON.</summary>
public sealed class ScoringKit(ApiClient api)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static TestTree Tree { get; } = new(NetworkJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "seeds", "demo-network.json")));

    public async Task<string> Submit(string lead, int times = 1)
    {
        string id = "";
        for (var i = 0; i < times; i++)
        {
            var r = await api.Post("api/reports", new { author = lead, title = "关于中小学课后服务经费保障的建议", body = "经费来源不稳定。" }, actor: TestUser.Member(lead));
            Assert.True(r.Code == 201, r.ToString());
            id = r.ReportId!;
        }

        return id;
    }

    public async Task Act(string id, string committee, string action)
    {
        var r = await api.Post($"api/reports/{id}/actions", new { committee, action });
        Assert.True(r.Code == 200, $"{action} at {committee}: {r}");
    }

    /// <summary>Waits until the unit's live tally shows at least these counts (rollups follow by a few stream hops).</summary>
    public async Task<JsonNode> TallyReaches(string unit, params (string Counter, long Count)[] counts)
    {
        var tally = await Eventually.Until(
            () => api.Get($"api/units/{unit}/tally"),
            r => r.Code == 200 && counts.All(c => r.Json!["counters"]![c.Counter]!.GetValue<long>() >= c.Count),
            Deadline);
        Assert.True(counts.All(c => tally.Json!["counters"]![c.Counter]!.GetValue<long>() >= c.Count), $"{unit} did not reach its counts: {tally}");
        return tally.Json!["counters"]!;
    }

    /// <summary>Waits until every rollup of the subtree equals the ledger.</summary>
    public async Task Settled(string code)
    {
        var verify = await api.Get($"api/verify/{code}?waitSeconds=60");
        Assert.True(verify.Json?["ok"]?.GetValue<bool>() == true, verify.ToString());
    }

    public async Task<JsonNode> Ok(string path)
    {
        var response = await api.Get(path);
        Assert.True(response.Code == 200, $"GET {path}: {response}");
        return response.Json!;
    }

    /// <summary>PUTs a rules document with an idempotency key (new unless given) and optional If-Match.</summary>
    public async Task<ApiResponse> PutRules(string committee, int year, object document, string? key = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/committees/{committee}/scoring-rules/{year}")
        {
            Content = ApiClient.JsonContent(document),
        };
        request.Headers.TryAddWithoutValidation(ApiClient.KeyHeader, key ?? ApiClient.NewKey());
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await api.Send(request);
    }

    /// <summary>A small valid rules document: members by reports, units by reports and county adoptions.</summary>
    public static object Rules(string name, decimal reportPoints, decimal adoptedPoints) => new
    {
        name,
        source = "测试用考核办法",
        maxTotal = 100,
        memberItems = new[]
        {
            new { id = "reports", label = "社情民意信息", labelEn = "Information reports", counters = new[] { "report.submitted" }, points = 10m, cap = (decimal?)15m },
        },
        unitItems = new[]
        {
            new { id = "reports", label = "信息报送", labelEn = "Reports submitted", counters = new[] { "report.submitted" }, points = reportPoints, cap = (decimal?)null },
            new { id = "adopted", label = "县级采用", labelEn = "Adopted by the county", counters = new[] { "report.adopted.county" }, points = adoptedPoints, cap = (decimal?)null },
        },
        grades = new[]
        {
            new { min = 60m, label = "合格", labelEn = "competent" },
            new { min = 0m, label = "不合格", labelEn = "not competent" },
        },
    };
}
