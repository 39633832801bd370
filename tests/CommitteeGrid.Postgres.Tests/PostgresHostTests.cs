using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitteeGrid.Host.Hosting;
using Npgsql;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>The whole host in PostgreSQL mode: what it acknowledged survives a restart, and silos share one cluster.</summary>
[Collection("postgres")]
public sealed class PostgresHostTests(PostgresFixture postgres)
{
    private static readonly string NetworkFile = Path.Combine(RepositoryRoot(), "seeds", "demo-network.json");

    [Fact]
    public async Task A_restarted_silo_keeps_every_report_its_history_and_every_tally()
    {
        var connection = await postgres.CreateDatabaseAsync("restart");
        string[] reportIds;
        JsonNode?[] before;
        JsonNode? countyBefore;
        await using (var first = await HostProcess.Start(connection, NetworkFile))
        {
            using var http = first.Client();
            reportIds = await RunSomeReports(http, prefix: "restart", count: 12);
            Assert.True((await Verify(http)).Ok, "verify before restart");
            before = await Task.WhenAll(reportIds.Select(id => http.GetFromJsonAsync<JsonNode>($"/api/reports/{id}")));
            countyBefore = await http.GetFromJsonAsync<JsonNode>("/api/units/420607/tally");
            await first.StopGracefully();
        }

        await using var second = await HostProcess.Start(connection, NetworkFile);
        using var again = second.Client();
        var after = await Task.WhenAll(reportIds.Select(id => again.GetFromJsonAsync<JsonNode>($"/api/reports/{id}")));
        for (var i = 0; i < reportIds.Length; i++)
        {
            Assert.Equal(before[i]!.ToJsonString(), after[i]!.ToJsonString());
        }

        var verify = await Verify(again);
        Assert.True(verify.Ok, verify.Text);
        var countyAfter = await again.GetFromJsonAsync<JsonNode>("/api/units/420607/tally");
        Assert.Equal(countyBefore!["counters"]!.ToJsonString(), countyAfter!["counters"]!.ToJsonString());
        Assert.True(countyAfter["counters"]!["report.submitted"]!.GetValue<long>() >= 12);
    }

    [Fact]
    public async Task Two_silo_processes_form_one_cluster_and_agree()
    {
        var connection = await postgres.CreateDatabaseAsync("twosilos");
        await using var a = await HostProcess.Start(connection, NetworkFile);
        await using var b = await HostProcess.Start(connection, NetworkFile);
        using var httpA = a.Client();
        using var httpB = b.Client();

        Assert.Equal(2, await ActiveSilos(connection));

        // Commands through both silos; each report's grain lives on one of them.
        string[] ids;
        try
        {
            ids = await RunSomeReports(httpA, "via-a", 10);
            ids = [.. ids, .. await RunSomeReports(httpB, "via-b", 10)];
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- silo A ---\n{a.Output}\n--- silo B ---\n{b.Output}", ex);
        }


        var fromA = await Verify(httpA);
        var fromB = await Verify(httpB);
        Assert.True(fromA.Ok, fromA.Text);
        Assert.True(fromB.Ok, fromB.Text);
        foreach (var id in ids)
        {
            var viewA = await httpA.GetFromJsonAsync<JsonNode>($"/api/reports/{id}");
            var viewB = await httpB.GetFromJsonAsync<JsonNode>($"/api/reports/{id}");
            Assert.Equal(viewA!.ToJsonString(), viewB!.ToJsonString());
        }

        var nationalA = await httpA.GetFromJsonAsync<JsonNode>("/api/units/CN/tally");
        var nationalB = await httpB.GetFromJsonAsync<JsonNode>("/api/units/CN/tally");
        Assert.Equal(20, nationalA!["counters"]!["report.submitted"]!.GetValue<long>());
        Assert.Equal(nationalA.ToJsonString(), nationalB!.ToJsonString());
    }

    /// <summary>Submits reports by members of 襄州区 and moves them up: adopt, forward, endorse.</summary>
    private static async Task<string[]> RunSomeReports(HttpClient http, string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var submitted = await Send(http, "/api/reports", $"{prefix}-s{i}", new { author = $"420607-M{i + 1:D4}", title = $"关于第{i}号问题的建议", body = "正文" });
            var id = submitted["reportId"]!.GetValue<string>();
            ids.Add(id);
            await Send(http, $"/api/reports/{id}/actions", $"{prefix}-a{i}", new { committee = "420607", action = "adopt" });
            if (i % 2 == 0)
            {
                await Send(http, $"/api/reports/{id}/actions", $"{prefix}-f{i}", new { committee = "420607", action = "forward" });
                await Send(http, $"/api/reports/{id}/actions", $"{prefix}-e{i}", new { committee = "420600", action = "endorse", leaderTitle = "市长", date = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd") });
            }
        }

        return [.. ids];
    }

    private static async Task<JsonNode> Send(HttpClient http, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<(bool Ok, string Text)> Verify(HttpClient http)
    {
        var text = await http.GetStringAsync("/api/verify/CN?waitSeconds=30");
        return (JsonDocument.Parse(text).RootElement.GetProperty("ok").GetBoolean(), text);
    }

    private static async Task<long> ActiveSilos(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE status = 3", db);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitteeGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CommitteeGrid.sln not found");
    }
}
