using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests;

/// <summary>A host with tiny limits: the request over the limit gets 429, Retry-After and a problem body.</summary>
public sealed class RateLimitTests(RateLimitTests.LimitedHostFixture host) : IClassFixture<RateLimitTests.LimitedHostFixture>
{
    [Fact]
    public async Task Each_user_has_their_own_budget_and_the_request_over_it_gets_429_with_Retry_After()
    {
        var county = host.Api.As(TestUser.Staff(DemoHostFixture.Xiangzhou));
        for (var i = 0; i < LimitedHostFixture.Permits; i++)
        {
            Assert.Equal(200, (await county.Get($"api/units/{DemoHostFixture.Xiangzhou}")).Code);
        }

        var refused = await county.Get($"api/units/{DemoHostFixture.Xiangzhou}");
        Assert.Equal(429, refused.Code);
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.Contains("staff-420607", refused.Detail, StringComparison.Ordinal);
        var retryAfter = int.Parse(refused.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);

        // Another user is not affected, and probes are never limited.
        Assert.Equal(200, (await host.Api.As(TestUser.Staff(DemoHostFixture.Xiangyang)).Get($"api/units/{DemoHostFixture.Xiangzhou}")).Code);
        for (var i = 0; i < LimitedHostFixture.Permits + 2; i++)
        {
            Assert.Equal(200, (await host.Api.Anonymous().Get("health/live")).Code);
        }
    }

    [Fact]
    public async Task Anonymous_callers_share_a_budget_per_address_so_login_cannot_be_hammered()
    {
        var anonymous = host.Api.Anonymous();
        var answers = new List<int>();
        for (var i = 0; i <= LimitedHostFixture.AnonymousPermits; i++)
        {
            answers.Add((await anonymous.Post("api/auth/login", new { name = "nobody", password = "wrong password" })).Code);
        }

        Assert.All(answers[..^1], code => Assert.Equal(401, code));
        Assert.Equal(429, answers[^1]);
    }

    public sealed class LimitedHostFixture : HostFixture
    {
        public const int Permits = 5;
        public const int AnonymousPermits = 4;

        public override string RootCode => DemoHostFixture.National;

        protected override string NetworkFile() => Path.Combine(AppContext.BaseDirectory, "seeds", "demo-network.json");

        protected override IEnumerable<string> ExtraArgs() =>
        [
            $"--RateLimit:PermitsPerWindow={Permits}",
            $"--RateLimit:AnonymousPermitsPerWindow={AnonymousPermits}",
            "--RateLimit:Window=00:10:00",
        ];
    }
}
