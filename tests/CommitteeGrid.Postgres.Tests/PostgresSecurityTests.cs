using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// Security in PostgreSQL mode: no start without a signing key, users made by the host's command and
/// stored in cg_users, login against them, and the audit trail read from the PostgreSQL ledger.
/// </summary>
[Collection("postgres")]
public sealed class PostgresSecurityTests(PostgresFixture postgres)
{
    private static readonly string NetworkFile = Path.Combine(Bench.HostLauncher.RepositoryRoot(), "seeds", "demo-network.json");

    [Fact]
    public async Task PostgreSQL_mode_without_a_signing_key_refuses_to_start_and_says_why()
    {
        var connection = await postgres.CreateDatabaseAsync("nokey");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.Start(connection, NetworkFile, withKey: false));
        Assert.Contains("CommitteeGrid:SigningKey is required in PostgreSQL mode", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_from_the_host_command_sign_in_and_their_changes_are_audited_from_the_ledger()
    {
        var connection = await postgres.CreateDatabaseAsync("users");
        var settings = new[] { $"--CommitteeGrid:Postgres={connection}", $"--CommitteeGrid:NetworkFile={NetworkFile}", $"--CommitteeGrid:SigningKey={Convert.ToBase64String(HostProcess.SigningKey)}" };

        var added = await RunHost(["user", "add", "--name", "xz.member", "--password", "-", "--role", "member", "--scope", "420607-M0007", .. settings], stdin: "member pass 7");
        Assert.True(added.Code == 0, added.Output);
        Assert.Contains("created user xz.member", added.Output, StringComparison.Ordinal);
        var staff = await RunHost(["user", "add", "--name", "xz.staff", "--password", "staff pass 1", "--role", "staff", "--scope", "420607", .. settings]);
        Assert.True(staff.Code == 0, staff.Output);
        var wrongScope = await RunHost(["user", "add", "--name", "bad", "--password", "whatever1", "--role", "member", "--scope", "420607", .. settings]);
        Assert.Equal(2, wrongScope.Code);
        Assert.Contains("not a member", wrongScope.Output, StringComparison.Ordinal);
        var minted = await RunHost(["token", "--name", "xz.staff", .. settings]);
        Assert.True(minted.Code == 0, minted.Output);
        var staffToken = minted.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();

        await using var host = await HostProcess.Start(connection, NetworkFile);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { name = "xz.member", password = "member pass 7" });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var memberToken = (await login.Content.ReadFromJsonAsync<JsonNode>())!["token"]!.GetValue<string>();
        Assert.Equal(401, (int)(await http.PostAsJsonAsync("/api/auth/login", new { name = "xz.member", password = "member pass 8" })).StatusCode);

        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(new { author = "420607-M0007", title = "关于路灯的建议", body = "正文" }) };
        submit.Headers.Add("Idempotency-Key", "pg-audit-1");
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", memberToken);
        var submitted = await http.SendAsync(submit);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonNode>())!["reportId"]!.GetValue<string>();

        using var audit = new HttpRequestMessage(HttpMethod.Get, "/api/units/420607/audit?limit=10");
        audit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        var trail = await http.SendAsync(audit);
        var text = await trail.Content.ReadAsStringAsync();
        Assert.True(trail.IsSuccessStatusCode, text);
        var entry = JsonNode.Parse(text)!["entries"]!.AsArray().Single(e => e!["stream"]!.GetValue<string>() == $"report/{id}")!;
        Assert.Equal(("xz.member", "member", "420607-M0007", "127.0.0.1"), (
            entry["actor"]!["id"]!.GetValue<string>(), entry["actor"]!["role"]!.GetValue<string>(),
            entry["actor"]!["scope"]!.GetValue<string>(), entry["actor"]!["address"]!.GetValue<string>()));

        // The city's trail includes it (its subtree); a sibling county's does not.
        using var city = host.Client();
        var cityTrail = await city.GetFromJsonAsync<JsonNode>("/api/units/420600/audit?limit=1000");
        Assert.Contains(cityTrail!["entries"]!.AsArray(), e => e!["stream"]!.GetValue<string>() == $"report/{id}");
        var sibling = await city.GetFromJsonAsync<JsonNode>("/api/units/420625/audit?limit=1000");
        Assert.DoesNotContain(sibling!["entries"]!.AsArray(), e => e!["stream"]!.GetValue<string>() == $"report/{id}");
    }

    private static async Task<(int Code, string Output)> RunHost(string[] args, string? stdin = null)
    {
        var dll = typeof(Host.Hosting.CommitteeGridApp).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
