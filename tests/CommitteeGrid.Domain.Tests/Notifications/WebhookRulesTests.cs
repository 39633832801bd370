using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Registering and removing a unit's webhooks, folded from ledger entries like any other stream.</summary>
public sealed class WebhookRulesTests
{
    private const string Unit = "420607";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Entry(UnitWebhooksState state, WebhookEvent e, string key) => new(
        state.Stream, state.Version + 1, e.Kind, WebhookJson.Serialize(e), key, "hash-" + key,
        "staff-420607", "staff", Unit, "127.0.0.1", Now, null, []);

    private static void Apply(UnitWebhooksState state, (WebhookEvent? Event, Rejection? Rejection) decision, string key)
    {
        Assert.Null(decision.Rejection);
        state.Apply(Entry(state, decision.Event!, key), decision.Event!);
    }

    [Fact]
    public void A_registration_is_folded_and_replayed_the_same()
    {
        var state = new UnitWebhooksState(Unit);
        var id = WebhookRules.NewId(Unit, "staff:k1");
        var decision = WebhookRules.Create(state, id, new CreateWebhook("https://hooks.example.org/cg", ["report.*"]), refusePrivate: false);
        var entry = Entry(state, decision.Event!, "staff:k1");
        state.Apply(entry, decision.Event!);

        var view = Assert.Single(state.Active);
        Assert.Equal((id, Unit, "https://hooks.example.org/cg", Now, "staff-420607"), (view.Id, view.Unit, view.Url, view.CreatedAt, view.CreatedBy));
        Assert.Equal(["report.*"], view.Events);
        Assert.Equal("webhooks/420607", entry.Stream);
        Assert.Equal(WebhookEvent.CreatedKind, entry.Kind);
        Assert.DoesNotContain("secret", entry.Payload, StringComparison.OrdinalIgnoreCase);

        var replayed = new UnitWebhooksState(Unit);
        replayed.Replay(entry);
        Assert.Equal(view.Url, Assert.Single(replayed.Active).Url);
        Assert.Equal(entry.RequestHash, replayed.FindKey("staff:k1")!.Hash);
        Assert.Equal(id, replayed.FindKey("staff:k1")!.WebhookId);
    }

    [Fact]
    public void Ids_come_from_the_unit_and_key()
    {
        var a = WebhookRules.NewId(Unit, "staff:k1");
        Assert.Equal(a, WebhookRules.NewId(Unit, "staff:k1"));
        Assert.NotEqual(a, WebhookRules.NewId(Unit, "staff:k2"));
        Assert.NotEqual(a, WebhookRules.NewId("420600", "staff:k1"));
        Assert.True(WebhookRules.IsId(a));
        Assert.False(WebhookRules.IsId("W123"));
        Assert.False(WebhookRules.IsId("R" + a[1..]));
    }

    [Fact]
    public void Bad_urls_and_kinds_are_refused()
    {
        var state = new UnitWebhooksState(Unit);
        var badUrl = WebhookRules.Create(state, "W1", new CreateWebhook("http://169.254.169.254/", []), false);
        Assert.Equal(RejectionKind.Invalid, badUrl.Rejection!.Kind);
        var badKind = WebhookRules.Create(state, "W1", new CreateWebhook("https://example.org/", ["report.lost"]), false);
        Assert.Equal(RejectionKind.Invalid, badKind.Rejection!.Kind);
        var privateRefused = WebhookRules.Create(state, "W1", new CreateWebhook("http://10.0.0.1/", []), refusePrivate: true);
        Assert.Equal(RejectionKind.Invalid, privateRefused.Rejection!.Kind);
    }

    [Fact]
    public void A_unit_has_at_most_its_share_of_webhooks()
    {
        var state = new UnitWebhooksState(Unit);
        for (var i = 0; i < WebhookRules.MaxPerUnit; i++)
        {
            Apply(state, WebhookRules.Create(state, WebhookRules.NewId(Unit, $"k{i}"), new CreateWebhook($"https://example.org/{i}", []), false), $"k{i}");
        }

        var refused = WebhookRules.Create(state, "W1", new CreateWebhook("https://example.org/x", []), false);
        Assert.Equal(RejectionKind.Conflict, refused.Rejection!.Kind);
        Assert.Contains("delete one first", refused.Rejection.Message);
    }

    [Fact]
    public void Deleting_removes_it_and_only_known_ones_can_be_deleted()
    {
        var state = new UnitWebhooksState(Unit);
        var id = WebhookRules.NewId(Unit, "k1");
        Apply(state, WebhookRules.Create(state, id, new CreateWebhook("https://example.org/a", []), false), "k1");

        Assert.Equal(RejectionKind.NotFound, WebhookRules.Delete(state, "W0000000000000000").Rejection!.Kind);
        Apply(state, WebhookRules.Delete(state, id), "k2");
        Assert.Empty(state.Active);
        Assert.Null(state.Find(id));
        Assert.NotNull(state.Registered(id));
        Assert.Equal(RejectionKind.NotFound, WebhookRules.Delete(state, id).Rejection!.Kind);
        Assert.Equal(2, state.Version);
    }
}
