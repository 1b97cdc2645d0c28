using Ddl.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ddl.Silo.Health;

/// <summary>Ready only while the entry store answers a read, within a short bound.</summary>
public sealed class EntryStoreHealthCheck(IEntryStore store) : IHealthCheck
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        try
        {
            // An indexed lookup of a chain that never exists: cheap, and it crosses the whole
            // path (pool, connection, query) that real requests take.
            await store.GetHeadAsync("health-probe", timeout.Token);
            return HealthCheckResult.Healthy($"{store.Engine} store answers");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{store.Engine} store does not answer", ex);
        }
    }
}
