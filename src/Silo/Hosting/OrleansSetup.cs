using Ddl.Silo.Cluster;
using Ddl.Silo.Configuration;
using Ddl.Store;
using Ddl.Store.Postgres;
using Orleans.Dashboard;

namespace Ddl.Silo.Hosting;

public static class OrleansSetup
{
    /// <summary>
    /// Embedded mode (SQLite): one silo with localhost clustering, nothing to install.
    /// Cluster mode (a PostgreSQL connection string): ADO.NET clustering, reminders and grain
    /// storage on that database, sharing the entry store's connection pool.
    /// </summary>
    public static void UseLedgerSilo(this WebApplicationBuilder builder, DdlOptions options, IEntryStore store)
    {
        if (options.Dashboard)
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        if (store is PostgresEntryStore postgres)
        {
            // One pool per process: the store's, shared with Orleans (max_connections is counted
            // per pool, times the number of silos).
            builder.UseOrleans(silo => silo
                .UsePostgresCluster(postgres.DataSource)
                .UseClusterIdentity(options));
            return;
        }

        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
            // The notary's keep-alive reminder; one silo has nothing to fail over to, so memory will do.
            .UseInMemoryReminderService()
            .Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = "ddl";
                o.ServiceId = "ddl";
            }));
    }

    /// <summary>The dashboard's pages, when <see cref="DdlOptions.Dashboard"/> is on.</summary>
    public static void MapLedgerDashboard(this WebApplication app, DdlOptions options)
    {
        if (options.Dashboard)
        {
            app.MapOrleansDashboard("/dashboard");
        }
    }
}
