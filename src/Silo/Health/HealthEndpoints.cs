using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Ddl.Silo.Health;

/// <summary>
/// Probes for Kubernetes and the local cluster script. /health/live: the process serves HTTP (no
/// dependency is checked, so a database outage does not get every pod restarted).
/// /health/ready: this silo is Active in the cluster and the entry store answers.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddLedgerHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [Ready])
            .AddCheck<EntryStoreHealthCheck>("store", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapLedgerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
