using CommitteeGrid.Host.Observability;
using CommitteeGrid.Host.Security;
using Orleans.Dashboard;

namespace CommitteeGrid.Host.Api;

/// <summary>What operators look at: this silo's own figures, and the Orleans dashboard of the cluster.</summary>
internal static class OpsEndpoints
{
    public const string DashboardPath = "/dashboard";

    public static void MapOpsEndpoints(this IEndpointRouteBuilder app, bool dashboard)
    {
        app.MapGet("/api/ops/metrics", async (OpsMetricsReader reader) => Results.Ok(await reader.Read()))
            .WithTags("Operations").WithName("GetOpsMetrics").RequireAccess("ops.metrics");

        if (dashboard)
        {
            // The dashboard's own endpoints (page, assets, JSON feeds, the live log): operators only. Each
            // gets a name from its route, as every endpoint here has one.
            var group = app.MapOrleansDashboard(DashboardPath)
                .RequireAccess("ops.dashboard")
                .WithTags("Operations")
                .ExcludeFromDescription();
            ((IEndpointConventionBuilder)group).Add(endpoint =>
            {
                if (endpoint is RouteEndpointBuilder route)
                {
                    endpoint.Metadata.Add(new EndpointNameMetadata("Dashboard " + route.RoutePattern.RawText));
                }
            });
        }
    }
}
