using Ddl.Silo.Configuration;

namespace Ddl.Silo.Hosting;

public static class OrleansSetup
{
    /// <summary>The embedded mode: one silo with localhost clustering, nothing to install.</summary>
    public static void UseLedgerSilo(this WebApplicationBuilder builder, DdlOptions options)
    {
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
            .Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = "ddl";
                o.ServiceId = "ddl";
            }));
    }
}
