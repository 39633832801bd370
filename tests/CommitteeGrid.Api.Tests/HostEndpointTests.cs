using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests;

/// <summary>What an operator and a client generator rely on: probes, the network summary and the OpenAPI document.</summary>
[Collection(FlowCollection.Name)]
public sealed class HostEndpointTests(DemoHostFixture host)
{
    [Fact]
    public async Task Started_host_is_live_and_ready()
    {
        Assert.Equal(200, (await host.Api.Get("health/live")).Code);
        Assert.Equal(200, (await host.Api.Get("health/ready")).Code);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_report_paths()
    {
        var document = await host.Api.Get("openapi/v1.json");
        Assert.Equal(200, document.Code);
        var paths = document.Json!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/reports", paths);
        Assert.Contains("/api/reports/{id}", paths);
        Assert.Contains("/api/reports/{id}/actions", paths);
        Assert.Contains("/api/reports/{id}/revision", paths);
        Assert.Contains("/api/committees/{code}/inbox", paths);
        Assert.Contains("/api/units/{code}/tally", paths);
        Assert.Contains("/api/verify/{code}", paths);
        Assert.NotNull(document.Json["paths"]!["/api/reports"]!["post"]);
        Assert.NotNull(document.Json["paths"]!["/api/reports/{id}/actions"]!["post"]);
    }

    [Fact]
    public async Task Network_and_units_describe_the_demo_tree()
    {
        var network = await host.Api.Get("api/network");
        Assert.Equal(200, network.Code);
        Assert.Equal(DemoHostFixture.National, network.Json!["root"]!["code"]!.GetValue<string>());
        Assert.Equal("committee", network.Json["root"]!["kind"]!.GetValue<string>());
        Assert.Equal("national", network.Json["root"]!["level"]!.GetValue<string>());
        Assert.True(network.Json["members"]!.GetValue<int>() > 1000);

        var county = await host.Api.Get($"api/units/{DemoHostFixture.Xiangzhou}");
        Assert.Equal(200, county.Code);
        Assert.Equal("county", county.Json!["unit"]!["level"]!.GetValue<string>());
        Assert.Equal(
            [DemoHostFixture.National, DemoHostFixture.Hubei, DemoHostFixture.Xiangyang],
            county.Json["ancestors"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).ToArray());
    }
}
