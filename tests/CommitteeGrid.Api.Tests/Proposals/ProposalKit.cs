using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Proposals;

/// <summary>Proposal requests as their real senders make them: members for their own steps, committee staff for the office's.</summary>
public sealed class ProposalKit(ApiClient api)
{
    public const string Xiangzhou = DemoHostFixture.Xiangzhou;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public ApiClient Api => api;

    public static TestUser Office => TestUser.Staff(Xiangzhou);

    public async Task<string> Draft(string lead, string title = "关于加快农村供水管网改造的提案")
    {
        var drafted = await Api.Post("api/proposals", new { lead, title, body = "部分村组自来水压力不足。建议分批改造管网。" }, actor: TestUser.Member(lead));
        Assert.True(drafted.Code == 201, drafted.ToString());
        var id = drafted.Json!["proposalId"]!.GetValue<string>();
        Assert.Equal($"/api/proposals/{id}", drafted.Location?.OriginalString);
        return id;
    }

    /// <summary>Drafted, co-signed by every one of <paramref name="cosigners"/>, submitted.</summary>
    public async Task<string> Submitted(string lead, params string[] cosigners)
    {
        var id = await Draft(lead);
        if (cosigners.Length > 0)
        {
            await Ok(Api.Post($"api/proposals/{id}/invitations", new { lead, members = cosigners, deadline = DateTimeOffset.UtcNow.AddDays(2) }, actor: TestUser.Member(lead)));
            foreach (var c in cosigners)
            {
                await Ok(Api.Post($"api/proposals/{id}/signatures", new { member = c, accept = true }, actor: TestUser.Member(c)));
            }
        }

        await Ok(Api.Post($"api/proposals/{id}/submission", new { lead }, actor: TestUser.Member(lead)));
        return id;
    }

    public Task<ApiResponse> Review(string id, object body) => Api.Post($"api/proposals/{id}/review", body, actor: Office);

    public async Task<JsonNode> View(string id)
    {
        var view = await Api.Get($"api/proposals/{id}");
        Assert.True(view.Code == 200, view.ToString());
        return view.Json!;
    }

    public static async Task<ApiResponse> Ok(Task<ApiResponse> call)
    {
        var response = await call;
        Assert.True(response.Code is 200 or 201, response.ToString());
        return response;
    }

    public async Task<Dictionary<string, long>> Tally(string unit, int year)
    {
        var response = await Api.Get($"api/units/{unit}/tally?year={year}");
        Assert.True(response.Code == 200, response.ToString());
        return response.Json!["counters"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<long>());
    }

    /// <summary>Tallies once the rollups agree with the ledger: the baseline a test's own counts add to.</summary>
    public async Task<Dictionary<string, Dictionary<string, long>>> Settled(IEnumerable<string> units, int year)
    {
        await Verified();
        var tallies = new Dictionary<string, Dictionary<string, long>>();
        foreach (var unit in units)
        {
            tallies[unit] = await Tally(unit, year);
        }

        return tallies;
    }

    public async Task Verified()
    {
        var verify = await Api.Get($"api/verify/{DemoHostFixture.National}?waitSeconds=30");
        Assert.True(verify.Code == 200 && verify.Json!["ok"]!.GetValue<bool>(), $"rollups disagree with the ledger: {verify}");
    }

    public async Task TallyReaches(string unit, int year, Dictionary<string, long> baseline, Dictionary<string, long> delta)
    {
        var expected = new Dictionary<string, long>(baseline);
        foreach (var (counter, value) in delta)
        {
            expected[counter] = expected.GetValueOrDefault(counter) + value;
        }

        var tally = await Eventually.Until(() => Tally(unit, year), t => Same(t, expected), Deadline);
        Assert.True(Same(tally, expected), $"{unit}: " + string.Join("; ", tally.Keys.Union(expected.Keys).Where(k => tally.GetValueOrDefault(k) != expected.GetValueOrDefault(k)).Select(k => $"{k}: expected {expected.GetValueOrDefault(k)}, got {tally.GetValueOrDefault(k)}")));
    }

    public static string Str(JsonNode? node, string field) => node![field]!.GetValue<string>();

    private static bool Same(Dictionary<string, long> a, Dictionary<string, long> b) =>
        a.Keys.Union(b.Keys).All(k => a.GetValueOrDefault(k) == b.GetValueOrDefault(k));
}
