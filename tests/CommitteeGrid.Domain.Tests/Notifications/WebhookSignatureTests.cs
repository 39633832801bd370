using System.Security.Cryptography;
using System.Text;
using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>HMAC-SHA256 over "timestamp.body", keyed with the secret's UTF-8 bytes, as receivers check it.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private const long Timestamp = 1795450877;
    private const string Body = """{"id":"report/R1:2","kind":"report.adopted","title":"关于农村道路养护的建议"}""";

    [Fact]
    public void Signature_matches_a_vector_computed_outside_this_code()
    {
        // Computed with Python's hmac module: hmac.new(secret, f"{ts}.{body}".encode(), sha256).hexdigest().
        Assert.Equal("sha256=3b2c137ebefc0c7b24569b0b38584e5cd32abbaec135d02ebb789a150d5cafb7", WebhookSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void Signature_matches_an_independent_hmac_for_many_bodies()
    {
        for (var i = 0; i < 50; i++)
        {
            var secret = WebhookSignature.NewSecret();
            var body = $$"""{"n":{{i}},"text":"第{{i}}条 <&> \"quoted\""}""";
            var timestamp = 1_700_000_000L + (i * 7919);
            using var mac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
            var expected = "sha256=" + Convert.ToHexStringLower(mac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body)));
            Assert.Equal(expected, WebhookSignature.Sign(secret, timestamp, body));
        }
    }

    [Fact]
    public void Verify_accepts_the_signature_and_refuses_any_change()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);
        Assert.True(WebhookSignature.Verify(Secret, Timestamp, Body, signature));
        Assert.False(WebhookSignature.Verify(Secret, Timestamp + 1, Body, signature));
        Assert.False(WebhookSignature.Verify(Secret, Timestamp, Body.Replace("adopted", "declined"), signature));
        Assert.False(WebhookSignature.Verify(Secret + "x", Timestamp, Body, signature));
        Assert.False(WebhookSignature.Verify(Secret, Timestamp, Body, signature.ToUpperInvariant()));
        Assert.False(WebhookSignature.Verify(Secret, Timestamp, Body, null));
        Assert.False(WebhookSignature.Verify(Secret, Timestamp, Body, "sha256="));
    }

    [Fact]
    public void Secrets_are_long_random_and_distinct()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => WebhookSignature.NewSecret()).ToList();
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.Matches("^whsec_[0-9a-f]{64}$", s));
    }
}
