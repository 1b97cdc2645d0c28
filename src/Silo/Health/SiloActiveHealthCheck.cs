using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Ddl.Silo.Health;

/// <summary>Ready only once this silo has joined the cluster as Active, and no longer while it leaves.</summary>
public sealed class SiloActiveHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {oracle.SiloAddress} is Active")
            : HealthCheckResult.Unhealthy($"silo {oracle.SiloAddress} is {status}"));
    }
}
