using System.Net;
using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>Webhook URLs: absolute http(s) only; never link-local (cloud metadata), unspecified or multicast.</summary>
public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("https://hooks.example.org/committeegrid")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("https://10.1.2.3/hook?unit=420607")]
    public void Absolute_http_urls_are_accepted(string text)
    {
        var (url, problem) = WebhookTargets.Check(text, refusePrivate: false);
        Assert.Null(problem);
        Assert.Equal(new Uri(text), url);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("  ", "required")]
    [InlineData("/relative/hook", "absolute http or https")]
    [InlineData("ftp://example.org/hook", "absolute http or https")]
    [InlineData("file:///etc/passwd", "absolute http or https")]
    [InlineData("javascript:alert(1)", "absolute http or https")]
    [InlineData("https://user:pass@example.org/hook", "user name or password")]
    [InlineData("https://example.org/hook#x", "fragment")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://169.254.1.1/", "169.254.1.1")]
    [InlineData("http://[fe80::1]/", "fe80::1")]
    [InlineData("http://0.0.0.0:80/", "0.0.0.0")]
    [InlineData("http://224.0.0.1/", "224.0.0.1")]
    [InlineData("http://[::ffff:169.254.169.254]/", "169.254.169.254")]
    public void Unacceptable_urls_are_refused_with_the_reason(string? text, string fragment)
    {
        var (url, problem) = WebhookTargets.Check(text, refusePrivate: false);
        Assert.Null(url);
        Assert.NotNull(problem);
        Assert.Contains(fragment, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Overlong_urls_are_refused()
    {
        var (_, problem) = WebhookTargets.Check("https://example.org/" + new string('a', WebhookTargets.MaxUrlLength), false);
        Assert.Contains("longer than", problem);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    public void Private_and_loopback_addresses_are_refused_only_when_asked(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.False(WebhookTargets.IsForbidden(ip, refusePrivate: false));
        Assert.True(WebhookTargets.IsForbidden(ip, refusePrivate: true));
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("239.1.1.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::abcd")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    [InlineData("::ffff:169.254.169.254")]
    public void Link_local_unspecified_and_multicast_are_always_refused(string address)
    {
        Assert.True(WebhookTargets.IsForbidden(IPAddress.Parse(address), refusePrivate: false));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:db8::1")]
    public void Public_addresses_are_allowed_even_when_private_ones_are_refused(string address)
    {
        Assert.False(WebhookTargets.IsForbidden(IPAddress.Parse(address), refusePrivate: true));
    }
}
