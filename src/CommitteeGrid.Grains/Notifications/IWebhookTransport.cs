namespace CommitteeGrid.Grains.Notifications;

/// <summary>Sends one delivery attempt. The host's implementation is HTTP with a short timeout.</summary>
public interface IWebhookTransport
{
    /// <summary>POSTs the JSON body with the headers; never throws for a failed delivery, it reports it.</summary>
    Task<WebhookResponse> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct);
}

/// <summary>The receiver's HTTP status, or null and the error when there was no answer.</summary>
public sealed record WebhookResponse(int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;
}
