using CommitteeGrid.Domain.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommitteeGrid.Host.Hosting;

/// <summary>Ready when the host has finished starting (silo joined) and the ledger answers.</summary>
internal sealed class ReadinessCheck(IHostApplicationLifetime lifetime, ILedger ledger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("starting");
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("stopping");
        }

        try
        {
            var entries = await ledger.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"ledger entries: {entries}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("the ledger does not answer", ex);
        }
    }
}
