using System.Text.Json;
using System.Text.Json.Serialization;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// The JSON body POSTed to a webhook. Id is the event id (also in X-CommitteeGrid-Delivery): the same on
/// every attempt, so a receiver keeps the first and ignores repeats. Recipients lists only those within
/// the webhook's unit.
/// </summary>
public sealed record WebhookPayload(
    string Id,
    string Kind,
    string Webhook,
    string Unit,
    string SubjectId,
    string Title,
    string? Committee,
    string? Level,
    DateTimeOffset OccurredAt,
    IReadOnlyList<string> Recipients,
    string? Detail)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static WebhookPayload Of(DomainEvent e, string webhookId, string unit, IReadOnlyList<string> recipients) => new(
        e.EventId, e.Kind, webhookId, unit, e.SubjectId, e.Title, e.Committee,
        e.Level == CommitteeLevel.None ? null : e.Level.Key(), e.OccurredAt, recipients, e.Detail);

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
