using System.Security.Cryptography;
using System.Text;
using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>What may be done with a unit's webhooks.</summary>
public static class WebhookRules
{
    public const int MaxPerUnit = 10;

    /// <summary>
    /// A new webhook's id comes from the unit and the scoped idempotency key, so a retried registration
    /// names the same webhook (and finds the same secret) whatever happened to the first attempt.
    /// </summary>
    public static string NewId(string unit, string scopedKey) =>
        "W" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(unit + "\n" + scopedKey)))[..16];

    public static bool IsId(string id) =>
        id.Length == 17 && id[0] == 'W' && id.Skip(1).All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static (WebhookEvent? Event, Rejection? Rejection) Create(UnitWebhooksState state, string id, CreateWebhook command, bool refusePrivate)
    {
        var (url, badUrl) = WebhookTargets.Check(command.Url, refusePrivate);
        if (badUrl is not null)
        {
            return Refuse(RejectionKind.Invalid, badUrl);
        }

        var (kinds, badKinds) = EventFilter.Check(command.Events);
        if (badKinds is not null)
        {
            return Refuse(RejectionKind.Invalid, badKinds);
        }

        if (state.Active.Count >= MaxPerUnit)
        {
            return Refuse(RejectionKind.Conflict, $"unit {state.Unit} already has {MaxPerUnit} webhooks, the most a unit may have; delete one first");
        }

        return (new WebhookRegistered(id, url!.AbsoluteUri, kinds), null);
    }

    public static (WebhookEvent? Event, Rejection? Rejection) Delete(UnitWebhooksState state, string id) =>
        state.Find(id) is null
            ? Refuse(RejectionKind.NotFound, $"unit {state.Unit} has no webhook {id}")
            : (new WebhookRemoved(id), null);

    private static (WebhookEvent?, Rejection?) Refuse(RejectionKind kind, string message) => (null, new Rejection(kind, message));
}
