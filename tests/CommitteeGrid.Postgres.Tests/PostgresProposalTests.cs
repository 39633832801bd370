using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// What the clock owes a proposal survives the silo that held it: its reminder is in PostgreSQL, and the
/// next silo process wakes the proposal when the deadline comes, without anyone asking for it.
/// </summary>
[Collection("postgres")]
public sealed class PostgresProposalTests(PostgresFixture postgres)
{
    private static readonly string NetworkFile = Path.Combine(RepositoryRoot(), "seeds", "demo-network.json");

    [Fact]
    public async Task Deadlines_owed_by_a_stopped_silo_are_kept_by_the_next_through_their_reminders()
    {
        var connection = await postgres.CreateDatabaseAsync("proposal-clock");
        string signing, assigned;
        JsonNode registeredBefore;
        await using (var first = await HostProcess.Start(connection, NetworkFile))
        {
            using var http = first.Client();
            var soon = DateTimeOffset.UtcNow.AddSeconds(40);

            signing = Id(await Send(http, "/api/proposals", "clock-1", new { lead = "420607-M0001", title = "关于农村寄宿制学校建设的提案", body = "建议……" }));
            await Send(http, $"/api/proposals/{signing}/invitations", "clock-2", new { lead = "420607-M0001", members = new[] { "420607-M0002" }, deadline = soon });

            assigned = Id(await Send(http, "/api/proposals", "clock-3", new { lead = "420607-M0003", title = "关于城区停车难的提案", body = "建议……" }));
            await Send(http, $"/api/proposals/{assigned}/submission", "clock-4", new { lead = "420607-M0003" });
            await Send(http, $"/api/proposals/{assigned}/review", "clock-5", new { committee = "420607", action = "register" });
            await Send(http, $"/api/proposals/{assigned}/assignment", "clock-6", new { committee = "420607", leadUnit = "420607-H03", dueAt = soon });
            registeredBefore = (await http.GetFromJsonAsync<JsonNode>($"/api/proposals/{assigned}"))!;
            await first.StopGracefully();
        }

        await using var second = await HostProcess.Start(connection, NetworkFile);

        // Watch the ledger, not the proposals: reading one would activate it, and activation alone catches up.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(4) && !await Done(connection, signing, assigned))
        {
            await Task.Delay(1000);
        }

        Assert.Equal(["proposal.drafted", "proposal.invited", "proposal.signing_closed"], await Kinds(connection, signing));
        Assert.Equal(
            ["proposal.drafted", "proposal.submitted", "proposal.registered", "proposal.assigned", "proposal.overdue"],
            await Kinds(connection, assigned));
        Assert.Equal(1, await Count(connection, "SELECT count(*) FROM cg_ledger WHERE stream LIKE 'register/420607/%'"));

        using var again = second.Client();
        var view = (await again.GetFromJsonAsync<JsonNode>($"/api/proposals/{signing}"))!;
        Assert.Equal("signing_closed", view["status"]!.GetValue<string>());
        var after = (await again.GetFromJsonAsync<JsonNode>($"/api/proposals/{assigned}"))!;
        Assert.Equal(registeredBefore["numberText"]!.GetValue<string>(), after["numberText"]!.GetValue<string>());
        Assert.Equal("assigned", after["status"]!.GetValue<string>());
        var verify = await again.GetStringAsync("/api/verify/CN?waitSeconds=30");
        Assert.True(JsonDocument.Parse(verify).RootElement.GetProperty("ok").GetBoolean(), verify);
    }

    private static async Task<bool> Done(string connection, string signing, string assigned) =>
        (await Kinds(connection, signing)).Contains("proposal.signing_closed") && (await Kinds(connection, assigned)).Contains("proposal.overdue");

    private static string Id(JsonNode answer) => answer["proposalId"]!.GetValue<string>();

    private static async Task<JsonNode> Send(HttpClient http, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<List<string>> Kinds(string connection, string proposal)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT kind FROM cg_ledger WHERE stream = $1 ORDER BY version", db);
        cmd.Parameters.Add(new NpgsqlParameter { Value = "proposal/" + proposal });
        var kinds = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            kinds.Add(reader.GetString(0));
        }

        return kinds;
    }

    private static async Task<long> Count(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, db);
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

        throw new DirectoryNotFoundException("CommitteeGrid.sln not found");
    }
}
