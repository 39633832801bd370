using System.Security.Cryptography;
using System.Text;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// How a webhook delivery is signed: HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes), over
/// "{timestamp}.{body}", sent as "sha256={lower-case hex}". The timestamp (Unix seconds) is signed so a
/// receiver can refuse an old delivery replayed by someone who captured it.
/// </summary>
public static class WebhookSignature
{
    public const string EventHeader = "X-CommitteeGrid-Event";
    public const string DeliveryHeader = "X-CommitteeGrid-Delivery";
    public const string TimestampHeader = "X-CommitteeGrid-Timestamp";
    public const string SignatureHeader = "X-CommitteeGrid-Signature";
    public const string AttemptHeader = "X-CommitteeGrid-Attempt";

    private const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a signature as a receiver would, in constant time.</summary>
    public static bool Verify(string secret, long timestamp, string body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));

    /// <summary>A new secret: 32 random bytes, shown to the registrant once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
