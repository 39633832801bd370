using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Host.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitteeGrid.Api.Tests;

/// <summary>Every endpoint the host maps names its operation, and the access policy knows every name.</summary>
[Collection(FlowCollection.Name)]
public sealed class EndpointAccessTests(DemoHostFixture host)
{
    [Fact]
    public void Every_endpoint_but_health_names_a_known_operation()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var policy = host.Services.GetRequiredService<AccessPolicy>();
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} endpoints were listed");

        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
            var access = endpoint.Metadata.GetMetadata<AccessMetadata>();
            if (access is null)
            {
                missing.Add(route);
                continue;
            }

            Assert.True(policy.Knows(access.Operation), $"{route} names '{access.Operation}', which the policy does not know");
            if (route.StartsWith("/health", StringComparison.Ordinal))
            {
                Assert.True(policy.IsAnonymous(access.Operation), $"{route} must stay open to probes");
            }
            else if (route.StartsWith("/api/", StringComparison.Ordinal) && !route.StartsWith("/api/auth/log", StringComparison.Ordinal))
            {
                Assert.False(policy.IsAnonymous(access.Operation), $"{route} ({access.Operation}) is open to anonymous callers");
            }
        }

        Assert.True(missing.Count == 0, $"endpoints without .RequireAccess(...): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Route_handlers_have_names_and_targets_are_in_code_or_id()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true);
        foreach (var endpoint in endpoints)
        {
            Assert.False(string.IsNullOrEmpty(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName), $"{endpoint.RoutePattern.RawText} has no .WithName(...)");
            // The gate finds a route's target in {code} or {id}; other parameters ({year}, {version}) only
            // narrow what is read and name nothing to protect.
            Assert.All(endpoint.RoutePattern.Parameters, p => Assert.Contains(p.Name, new[] { "code", "id", "year", "version" }));
        }
    }
}
