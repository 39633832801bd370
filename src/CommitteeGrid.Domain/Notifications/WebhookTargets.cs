using System.Net;
using System.Net.Sockets;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Where webhooks may point. Always refused: non-HTTP(S) URLs, credentials in URLs, and addresses no
/// receiver should be at: link-local (169.254.0.0/16, where cloud metadata services answer; fe80::/10),
/// unspecified, multicast and broadcast. Private and loopback addresses are refused too when
/// <c>refusePrivate</c> is set, which production should do (see docs/architecture.md).
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2000;

    /// <summary>The URL as a Uri, or what is wrong with it.</summary>
    public static (Uri? Url, string? Problem) Check(string? text, bool refusePrivate)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "url is required: the absolute http or https address events are POSTed to");
        }

        if (text.Length > MaxUrlLength)
        {
            return (null, $"url is longer than {MaxUrlLength} characters");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return (null, "url must be an absolute http or https address, e.g. https://example.org/hooks/committeegrid");
        }

        if (url.UserInfo.Length > 0)
        {
            return (null, "url must not carry a user name or password; the signature authenticates deliveries");
        }

        if (url.Fragment.Length > 0)
        {
            return (null, "url must not have a fragment (#…)");
        }

        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IsForbidden(address, refusePrivate))
        {
            return (null, $"url points at {address}, an address webhooks may not be sent to (link-local, unspecified, multicast{(refusePrivate ? ", private or loopback" : "")})");
        }

        return (url, null);
    }

    /// <summary>Whether a delivery may not connect to this address (checked again after name resolution).</summary>
    public static bool IsForbidden(IPAddress address, bool refusePrivate)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            var always = b[0] == 0 || (b[0] == 169 && b[1] == 254) || b[0] >= 224;
            var isPrivate = b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && (b[1] & 0xC0) == 64);
            return always || (refusePrivate && isPrivate);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var always = address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6Multicast;
            var first = address.GetAddressBytes()[0];
            var isPrivate = IPAddress.IsLoopback(address) || (first & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
            return always || (refusePrivate && isPrivate);
        }

        return true;
    }
}
