using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Changes to a unit's webhooks, stored as ledger payloads of the stream "webhooks/{unit}". The secret is
/// never in the ledger: it lives only with the webhook's delivery grain.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(WebhookRegistered), "registered")]
[JsonDerivedType(typeof(WebhookRemoved), "removed")]
public abstract record WebhookEvent
{
    public const string CreatedKind = "webhook.created";
    public const string DeletedKind = "webhook.deleted";

    [JsonIgnore]
    public abstract string Kind { get; }

    public abstract string Id { get; init; }
}

public sealed record WebhookRegistered(string Id, string Url, IReadOnlyList<string> Events) : WebhookEvent
{
    [JsonIgnore]
    public override string Kind => CreatedKind;
}

public sealed record WebhookRemoved(string Id) : WebhookEvent
{
    [JsonIgnore]
    public override string Kind => DeletedKind;
}

public static class WebhookJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(WebhookEvent e) => JsonSerializer.Serialize(e, Options);

    public static WebhookEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<WebhookEvent>(payload, Options) ?? throw new InvalidOperationException("Empty webhook event payload.");
}
