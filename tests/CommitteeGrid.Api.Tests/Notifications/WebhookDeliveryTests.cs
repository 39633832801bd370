using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Notifications;

/// <summary>
/// Webhooks against real HTTP listeners on loopback: each event of the unit's subtree arrives once per
/// attempt with a signature the receiver can check on its own, failures are retried with growing
/// waits, a receiver that was down gets the event once it is up, and nothing arrives after deletion.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class WebhookDeliveryTests(NotificationHostFixture host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private ApiClient Api => host.Api;

    [Fact]
    public async Task A_units_webhook_gets_each_event_of_its_subtree_once_and_signed()
    {
        await using var office = WebhookReceiver.Start();
        await using var county = WebhookReceiver.Start();
        await using var sibling = WebhookReceiver.Start();
        var (officeHook, officeSecret) = await Register("420607-L03", office.Url);                           // 龙王镇联络处: the lead's office
        var (countyHook, countySecret) = await Register("420607", county.Url, ["report.submitted"]);         // the county, submissions only
        var (siblingHook, _) = await Register("420625", sibling.Url);                                          // 谷城县: not concerned

        // Lead in 龙王镇 (420607-G11), co-author in another group of the county.
        const string lead = "420607-M0138";
        const string coAuthor = "420607-M0014";
        var submitted = await Api.Post("api/reports", new { author = lead, coAuthors = new[] { coAuthor }, title = "关于龙王镇集贸市场改造的建议", body = "市场设施老化。" }, actor: TestUser.Member(lead));
        Assert.Equal(201, submitted.Code);
        var id = submitted.ReportId!;
        await Act(id, new { committee = "420607", action = "adopt" });
        await Act(id, new { committee = "420607", action = "forward" });

        var atOffice = await Eventually.Until(() => Task.FromResult(office.For(id)), r => r.Count >= 2, Deadline);
        var atCounty = await Eventually.Until(() => Task.FromResult(county.For(id)), r => r.Count >= 1, Deadline);

        // The office hears of the decisions about its member; only its member is named as recipient.
        Assert.Equal([$"report/{id}:2", $"report/{id}:3"], atOffice.Select(r => r.Field("id")).Order());
        Assert.Equal(["report.adopted", "report.forwarded"], atOffice.OrderBy(r => r.Field("id")).Select(r => r.Field("kind")));
        Assert.All(atOffice, r => Assert.Equal([lead], r.Json!["recipients"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.All(atOffice, r => Assert.Equal(officeHook, r.Field("webhook")));
        Assert.All(atOffice, r => Assert.Equal("420607-L03", r.Field("unit")));

        // The county asked for submissions only: it gets the submission (recipient: its own office).
        var countyDelivery = Assert.Single(atCounty);
        Assert.Equal(("report.submitted", $"report/{id}:1"), (countyDelivery.Field("kind"), countyDelivery.Field("id")));
        Assert.Equal(["420607"], countyDelivery.Json!["recipients"]!.AsArray().Select(n => n!.GetValue<string>()));

        foreach (var (delivery, secret) in atOffice.Select(d => (d, officeSecret)).Append((countyDelivery, countySecret)))
        {
            AssertSignedDelivery(delivery, secret, attempt: 1);
            Assert.Equal("关于龙王镇集贸市场改造的建议", delivery.Field("title"));
            Assert.Equal(id, delivery.Field("subjectId"));
        }

        // Once per event: what arrived for this report is exactly what was expected, and the deliveries
        // view records the same.
        Assert.Equal(2, office.For(id).Count);
        Assert.Single(county.For(id));
        var attempts = await Deliveries("420607-L03", officeHook);
        var forReport = attempts["attempts"]!.AsArray().Where(a => a!["eventId"]!.GetValue<string>().StartsWith($"report/{id}:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, forReport.Count);
        Assert.All(forReport, a => Assert.Equal(("delivered", 200, 1), (a!["outcome"]!.GetValue<string>(), a["status"]!.GetValue<int>(), a["attempt"]!.GetValue<int>())));
        Assert.Empty(attempts["pending"]!.AsArray());

        // 谷城县 is outside every recipient's chain.
        Assert.Empty(sibling.For(id));
        Assert.Equal(0, (await Deliveries("420625", siblingHook))["attempts"]!.AsArray().Count(a => a!["eventId"]!.GetValue<string>().Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_growing_waits_until_it_answers()
    {
        await using var receiver = WebhookReceiver.Start(failures: 2);
        var (hook, secret) = await Register("420607-G12", receiver.Url, ["report.adopted"]);

        var id = await Submit("420607-M0155", "关于黄集镇污水处理的建议");
        await Act(id, new { committee = "420607", action = "adopt" });

        var received = await Eventually.Until(() => Task.FromResult(receiver.For(id)), r => r.Count >= 3, Deadline);
        Assert.Equal([500, 500, 200], received.Select(r => r.AnsweredWith));
        Assert.All(received, r => Assert.Equal($"report/{id}:2", r.Header("X-CommitteeGrid-Delivery")));
        for (var i = 0; i < received.Count; i++)
        {
            AssertSignedDelivery(received[i], secret, attempt: i + 1);
        }

        // Each body is the same bytes; each wait is at least the schedule's lower bound (base·2^(n−1)·(1−jitter)).
        Assert.Single(received.Select(r => r.Body).Distinct());
        var lowest = NotificationHostFixture.RetryBase * (1 - NotificationHostFixture.RetryJitter);
        Assert.True(received[1].At - received[0].At >= lowest, $"first wait {received[1].At - received[0].At}");
        Assert.True(received[2].At - received[1].At >= lowest * 2, $"second wait {received[2].At - received[1].At}");

        var deliveries = await Eventually.Until(() => Deliveries("420607-G12", hook), d => Attempts(d, id).Count >= 3, Deadline);
        Assert.Equal(
            [(1, 500, "retrying"), (2, 500, "retrying"), (3, 200, "delivered")],
            Attempts(deliveries, id).Select(a => (a["attempt"]!.GetValue<int>(), a["status"]!.GetValue<int>(), a["outcome"]!.GetValue<string>())).Reverse());

        // Nothing more arrives for a delivered event.
        Assert.Equal(3, receiver.For(id).Count);
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_event_once_it_is_up()
    {
        var port = WebhookReceiver.FreePort();
        var (hook, secret) = await Register("420607-G13", $"http://127.0.0.1:{port}/hooks/committeegrid", ["report.adopted"]);
        var id = await Submit("420607-M0166", "关于黄集镇农贸市场的建议");
        await Act(id, new { committee = "420607", action = "adopt" });

        // Refused connections are recorded as failed attempts with no status.
        var failing = await Eventually.Until(() => Deliveries("420607-G13", hook), d => Attempts(d, id).Count >= 2, Deadline);
        Assert.All(Attempts(failing, id), a =>
        {
            Assert.Null(a["status"]);
            Assert.False(string.IsNullOrEmpty(a["error"]?.GetValue<string>()));
            Assert.Equal("retrying", a["outcome"]!.GetValue<string>());
        });
        Assert.Single(failing["pending"]!.AsArray());

        await using var receiver = WebhookReceiver.Start(port: port);
        var received = await Eventually.Until(() => Task.FromResult(receiver.For(id)), r => r.Count >= 1, Deadline);
        var delivery = Assert.Single(received);
        var attempt = int.Parse(delivery.Header("X-CommitteeGrid-Attempt")!, CultureInfo.InvariantCulture);
        Assert.True(attempt >= 3, $"delivered on attempt {attempt}");
        AssertSignedDelivery(delivery, secret, attempt);

        var done = await Eventually.Until(() => Deliveries("420607-G13", hook), d => d["pending"]!.AsArray().Count == 0, Deadline);
        Assert.Equal("delivered", Attempts(done, id)[0]["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_the_last_attempt_an_event_is_given_up()
    {
        await using var receiver = WebhookReceiver.StartAlwaysFailing();
        var (hook, _) = await Register("420607-G14", receiver.Url, ["report.adopted"]);
        var id = await Submit("420607-M0179", "关于古驿镇道路照明的建议");
        await Act(id, new { committee = "420607", action = "adopt" });

        var deliveries = await Eventually.Until(() => Deliveries("420607-G14", hook), d => Attempts(d, id).Any(a => a["outcome"]!.GetValue<string>() == "gave_up"), Deadline);
        var attempts = Attempts(deliveries, id);
        Assert.Equal(NotificationHostFixture.MaxAttempts, attempts.Count);
        Assert.Equal("gave_up", attempts[0]["outcome"]!.GetValue<string>());
        Assert.All(attempts.Skip(1), a => Assert.Equal("retrying", a["outcome"]!.GetValue<string>()));
        Assert.Empty(deliveries["pending"]!.AsArray());
        Assert.Equal(NotificationHostFixture.MaxAttempts, receiver.For(id).Count);
    }

    [Fact]
    public async Task Registration_shows_the_secret_once_and_deletion_stops_deliveries()
    {
        await using var receiver = WebhookReceiver.Start();
        var ledgerBefore = await host.LedgerEntries();
        var key = ApiClient.NewKey();
        var body = new { url = receiver.Url, events = new[] { "report.*" } };
        var created = await Api.Post("api/units/420607-G15/webhooks", body, key, TestUser.Staff("420607"));
        Assert.Equal(201, created.Code);
        var id = created.Json!["webhook"]!["id"]!.GetValue<string>();
        var secret = created.Json["secret"]!.GetValue<string>();
        Assert.Matches("^W[0-9a-f]{16}$", id);
        Assert.Matches("^whsec_[0-9a-f]{64}$", secret);
        Assert.Equal($"/api/units/420607-G15/webhooks/{id}", created.Location?.OriginalString);
        Assert.Equal("staff-420607", created.Json["webhook"]!["createdBy"]!.GetValue<string>());
        Assert.Equal("webhook.created", created.Json["receipt"]!["event"]!.GetValue<string>());
        Assert.Equal(ledgerBefore + 1, await host.LedgerEntries());

        // A retry with the same key is the same registration (same id, same secret), counted once.
        var retried = await Api.Post("api/units/420607-G15/webhooks", body, key, TestUser.Staff("420607"));
        Assert.Equal(200, retried.Code);
        Assert.True(retried.Replayed);
        Assert.Equal(created.Json.ToJsonString(), retried.Json!.ToJsonString());
        Assert.Equal(422, (await Api.Post("api/units/420607-G15/webhooks", new { url = receiver.Url + "/other" }, key, TestUser.Staff("420607"))).Code);
        Assert.Equal(ledgerBefore + 1, await host.LedgerEntries());

        // Listed and read without the secret.
        var list = await Api.Get("api/units/420607-G15/webhooks");
        Assert.Equal(200, list.Code);
        Assert.DoesNotContain(secret, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", list.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(id, Assert.Single(list.Json!["webhooks"]!.AsArray())!["id"]!.GetValue<string>());
        var one = await Api.Get($"api/units/420607-G15/webhooks/{id}");
        Assert.Equal(200, one.Code);
        Assert.Equal(["report.*"], one.Json!["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.DoesNotContain(secret, one.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, (await Deliveries("420607-G15", id)).ToJsonString(), StringComparison.Ordinal);

        // Delivered while registered.
        var first = await Submit("420607-M0194", "关于峪山镇山洪防治的建议");
        await Act(first, new { committee = "420607", action = "adopt" });
        await Eventually.Until(() => Task.FromResult(receiver.For(first)), r => r.Count >= 1, Deadline);

        var deleteKey = ApiClient.NewKey();
        var deleted = await Api.Delete($"api/units/420607-G15/webhooks/{id}", deleteKey);
        Assert.Equal(200, deleted.Code);
        Assert.Equal("webhook.deleted", deleted.Json!["receipt"]!["event"]!.GetValue<string>());
        Assert.Null(deleted.Json["secret"]);
        var deletedAgain = await Api.Delete($"api/units/420607-G15/webhooks/{id}", deleteKey);
        Assert.True(deletedAgain.Replayed);
        Assert.Equal(deleted.Json["receipt"]!.ToJsonString(), deletedAgain.Json!["receipt"]!.ToJsonString());
        Assert.Equal(404, (await Api.Delete($"api/units/420607-G15/webhooks/{id}")).Code);
        Assert.Equal(404, (await Api.Get($"api/units/420607-G15/webhooks/{id}")).Code);
        Assert.Equal(404, (await Api.Get($"api/units/420607-G15/webhooks/{id}/deliveries")).Code);
        Assert.Empty((await Api.Get("api/units/420607-G15/webhooks")).Json!["webhooks"]!.AsArray());
        Assert.Equal(ledgerBefore + 4, await host.LedgerEntries()); // registered, the report submitted and adopted, deleted

        // After deletion: a later event of the same group reaches a webhook still registered above it,
        // and none reaches the deleted one.
        await using var above = WebhookReceiver.Start();
        await Register("420607-L06", above.Url, ["report.adopted"]);
        var second = await Submit("420607-M0193", "关于峪山镇饮水工程的建议");
        await Act(second, new { committee = "420607", action = "adopt" });
        await Eventually.Until(() => Task.FromResult(above.For(second)), r => r.Count >= 1, Deadline);
        Assert.Empty(receiver.For(second));
    }

    [Theory]
    [InlineData("""{"url":"ftp://example.org/x"}""", 400, "absolute http or https")]
    [InlineData("""{"url":"/relative"}""", 400, "absolute http or https")]
    [InlineData("""{"url":"http://169.254.169.254/latest/meta-data/"}""", 400, "169.254.169.254")]
    [InlineData("""{"url":"http://[fe80::1]/x"}""", 400, "fe80::1")]
    [InlineData("""{"url":"https://u:p@example.org/x"}""", 400, "user name or password")]
    [InlineData("""{}""", 400, "url is required")]
    [InlineData("""{"url":"https://example.org/x","events":["report.lost"]}""", 400, "'report.lost' is not known")]
    [InlineData("""{"url":"https://example.org/x","events":"report.*"}""", 400, "events")]
    [InlineData("""{"url":"https://example.org/x","secret":"mine"}""", 400, "unknown field 'secret'")]
    public async Task Bad_registrations_get_problem_details(string body, int status, string fragment)
    {
        var response = await Api.PostRaw("api/units/420607-G16/webhooks", body, "application/json", ApiClient.NewKey());
        Assert.Equal(status, response.Code);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(fragment, response.Detail);
    }

    [Theory]
    [InlineData("api/units/nowhere/webhooks", 404, "not a member or unit")]
    [InlineData("api/units/420607/webhooks/W123", 400, "not a webhook id")]
    [InlineData("api/units/420607/webhooks/W0123456789abcdef", 404, "has no webhook")]
    [InlineData("api/units/420607/webhooks/W0123456789abcdef/deliveries", 404, "has no webhook")]
    [InlineData("api/units/420607/webhooks/W0123456789abcdef/deliveries?limit=0", 400, "limit")]
    public async Task Bad_webhook_reads_get_problem_details(string path, int status, string fragment)
    {
        var response = await Api.Get(path);
        Assert.Equal(status, response.Code);
        Assert.Contains(fragment, response.Detail);
    }

    [Fact]
    public async Task Changes_need_an_idempotency_key()
    {
        var created = await Api.PostRaw("api/units/420607-G16/webhooks", """{"url":"https://example.org/x"}""", "application/json", key: null);
        Assert.Equal(400, created.Code);
        Assert.Contains("Idempotency-Key", created.Detail);

        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/units/420607-G16/webhooks/W0123456789abcdef");
        var deleted = await Api.Send(request);
        Assert.Equal(400, deleted.Code);
        Assert.Contains("Idempotency-Key", deleted.Detail);
    }

    /// <summary>Checks headers and signature as a receiver would, with its own HMAC computation.</summary>
    private static void AssertSignedDelivery(ReceivedDelivery delivery, string secret, int attempt)
    {
        Assert.Equal("POST", delivery.Method);
        Assert.Equal("/hooks/committeegrid", delivery.Path);
        Assert.StartsWith("application/json", delivery.ContentType);
        Assert.Equal(delivery.Field("kind"), delivery.Header("X-CommitteeGrid-Event"));
        Assert.Equal(delivery.Field("id"), delivery.Header("X-CommitteeGrid-Delivery"));
        Assert.Equal(attempt.ToString(CultureInfo.InvariantCulture), delivery.Header("X-CommitteeGrid-Attempt"));

        var timestamp = long.Parse(delivery.Header("X-CommitteeGrid-Timestamp")!, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(timestamp), delivery.At.AddMinutes(-1), delivery.At.AddMinutes(1));

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}.{delivery.Body}")));
        Assert.Equal(expected, delivery.Header("X-CommitteeGrid-Signature"));

        // Any change to the body or the timestamp breaks it.
        var forged = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp + 1}.{delivery.Body}")));
        Assert.NotEqual("sha256=" + forged, delivery.Header("X-CommitteeGrid-Signature"));
    }

    private async Task<(string Id, string Secret)> Register(string unit, string url, string[]? events = null)
    {
        var created = await Api.Post($"api/units/{unit}/webhooks", events is null ? new { url } : new { url, events }, actor: TestUser.Staff(unit));
        Assert.True(created.Code == 201, created.ToString());
        return (created.Json!["webhook"]!["id"]!.GetValue<string>(), created.Json["secret"]!.GetValue<string>());
    }

    private async Task<JsonNode> Deliveries(string unit, string hook)
    {
        var response = await Api.Get($"api/units/{unit}/webhooks/{hook}/deliveries?limit=200");
        Assert.True(response.Code == 200, response.ToString());
        return response.Json!;
    }

    /// <summary>The attempts for one report's events, newest first.</summary>
    private static List<JsonNode> Attempts(JsonNode deliveries, string reportId) =>
        [.. deliveries["attempts"]!.AsArray().Select(a => a!).Where(a => a["eventId"]!.GetValue<string>().StartsWith($"report/{reportId}:", StringComparison.Ordinal))];

    private async Task<string> Submit(string lead, string title)
    {
        var submitted = await Api.Post("api/reports", new { author = lead, title, body = "情况和建议。" }, actor: TestUser.Member(lead));
        Assert.Equal(201, submitted.Code);
        return submitted.ReportId!;
    }

    private async Task Act(string id, object body)
    {
        var response = await Api.Post($"api/reports/{id}/actions", body, actor: TestUser.Staff("420607"));
        Assert.True(response.Code == 200, response.ToString());
    }
}
