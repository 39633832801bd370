using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>
/// The permission matrix (<see cref="PermissionMatrix"/>): every /api endpoint × every role × every scope
/// relation, sent as real HTTP requests, compared with the table. A leak (allowed where the table says
/// refused) fails, and so does a refusal the table does not expect.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class PermissionMatrixTests(DemoHostFixture host)
{
    [Fact]
    public void Every_api_endpoint_the_host_maps_has_a_row_and_every_row_an_endpoint()
    {
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);
        var rows = PermissionMatrix.Rows.Select(r => r.Endpoint).ToList();

        Assert.True(mapped.Count >= 40, $"only {mapped.Count} /api endpoints were found");
        Assert.True(rows.Count == rows.Distinct(StringComparer.Ordinal).Count(), "an endpoint has two rows in the matrix");
        var missing = mapped.Except(rows, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"endpoints without a row in PermissionMatrix (add one, with the access each role should have): {string.Join(", ", missing)}");
        var stale = rows.Except(mapped, StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, $"rows for endpoints the host does not map: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_in_every_scope_relation_as_the_matrix_says()
    {
        var scene = await host.Shared("permission-matrix", MatrixScene.Create);
        var probes = (from row in PermissionMatrix.Rows
                      from role in MatrixRoles.All
                      from target in scene.Targets(row.Target, role)
                      select new Probe(row, role, target.Relation, target.Code, target.Id, target.Author)).ToList();
        var before = await host.LedgerEntries();

        var failures = new ConcurrentBag<string>();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (probe, ct) =>
        {
            var (status, detail) = await Send(http, probe, ct);
            var expected = probe.Row.Allows(probe.Role, probe.Relation);
            var allowed = IsAllowed(status, detail);
            if (status >= 500 || allowed != expected)
            {
                failures.Add($"{probe}: expected {(expected ? "allowed" : "refused")}, got {status} {detail}");
            }
            else if (probe.Row.Method != "GET" && status is >= 200 and < 300 && !probe.Row.Route.StartsWith("/api/auth/", StringComparison.Ordinal))
            {
                failures.Add($"{probe}: its body should stop after the gate, but it was accepted: {status} {detail}");
            }
        });

        Assert.True(probes.Count > 1000, $"only {probes.Count} probes");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {probes.Count} probes disagree with the matrix:\n{string.Join('\n', failures.Order(StringComparer.Ordinal))}");

        // The probes' bodies stop after the gate (a missing field, the wrong state): nothing was recorded.
        Assert.Equal(before, await host.LedgerEntries());
    }

    [Fact]
    public async Task A_units_route_is_decided_by_its_unit_even_when_its_id_looks_like_a_report_in_scope()
    {
        // County staff manage their own webhooks; 四川's are outside their scope, whatever the {id} says.
        var scene = await host.Shared("permission-matrix", MatrixScene.Create);
        var staff = host.Api.As(MatrixScene.User(MatrixRole.Staff)!);
        const string own = "420607-M0001";
        foreach (var id in new[] { scene.ReportOf(own), scene.ProposalOf(own) })
        {
            foreach (var path in new[] { $"api/units/{DemoHostFixture.Sichuan}/webhooks/{id}", $"api/units/{DemoHostFixture.Sichuan}/webhooks/{id}/deliveries" })
            {
                var response = await staff.Get(path);
                Assert.True(response.Code == 403, $"{path}: {response}");
                Assert.Contains("outside", response.Detail, StringComparison.Ordinal);
            }

            var deleted = await staff.Delete($"api/units/{DemoHostFixture.Sichuan}/webhooks/{id}");
            Assert.True(deleted.Code == 403, deleted.ToString());
        }

        // The report itself is still theirs to read.
        Assert.Equal(200, (await staff.Get($"api/reports/{scene.ReportOf(own)}")).Code);
    }

    /// <summary>
    /// The gate refused: 401, 403, or the 404 that hides a report, proposal or duty record outside the
    /// caller's scope (worded like a missing one). Every other answer, 400 and 409 included, got past it.
    /// </summary>
    private static bool IsAllowed(int status, string? detail) =>
        status is not (401 or 403) && !(status == 404 && detail?.Contains("outside your scope", StringComparison.Ordinal) == true);

    private async Task<(int Status, string? Detail)> Send(HttpClient http, Probe probe, CancellationToken ct)
    {
        var path = probe.Row.Route.TrimStart('/')
            .Replace("{code}", probe.Code, StringComparison.Ordinal)
            .Replace("{id}", probe.Id, StringComparison.Ordinal)
            .Replace("{year}", China.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{version}", "1", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(probe.Row.Method), path);
        if (MatrixScene.User(probe.Role) is { } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Api.TokenFor(user));
        }

        if (probe.Row.Method != "GET")
        {
            request.Headers.TryAddWithoutValidation(ApiClient.KeyHeader, ApiClient.NewKey());
            var body = (probe.Row.Body ?? "{}").Replace("$member", probe.Author, StringComparison.Ordinal);
            request.Content = ApiClient.Encoded(Encoding.UTF8.GetBytes(body), "application/json");
        }

        // Live endpoints stream until the client goes: the headers are the answer.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return ((int)response.StatusCode, null);
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        string? detail = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            detail = JsonNode.Parse(text)?["detail"]?.GetValue<string>();
        }

        return ((int)response.StatusCode, detail ?? (text.Length > 200 ? text[..200] : text));
    }

    /// <summary>Route parameters as written in the matrix: constraints and defaults removed, no trailing slash.</summary>
    private static string Normalize(string raw)
    {
        var route = System.Text.RegularExpressions.Regex.Replace(raw, @"\{([^}:=?]+)[^}]*\}", "{$1}");
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }

    private sealed record Probe(MatrixRow Row, MatrixRole Role, Relation Relation, string? Code, string? Id, string? Author)
    {
        public override string ToString() =>
            $"{Row.Endpoint} as {Role} ({Relation}: {Code ?? Id ?? Author ?? "no target"}{(Author is not null && Id is not null ? $" by {Author}" : "")})";
    }
}
