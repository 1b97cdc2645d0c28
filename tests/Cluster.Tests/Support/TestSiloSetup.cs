using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Clustering.AdoNet;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Ddl.Cluster.Tests.Support;

/// <summary>
/// What every test silo runs: Orleans' real ADO.NET clustering, reminders and grain storage on
/// the project's SQL (as src/Silo/Cluster wires them), with liveness tuned from minutes down to
/// seconds so a crash is detected within a test's patience.
/// </summary>
public static class TestSiloSetup
{
    public const string Invariant = "Npgsql";
    public const string StorageName = "ddl";

    /// <summary>A second storage on the same tables that deletes rows on clear (the optional DeleteStorageKey).</summary>
    public const string DeletingStorageName = "ddl-delete";

    public static void Configure(ISiloBuilder silo, NpgsqlDataSource dataSource, SeveredSilos severed)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        MakeSeverable(silo.Services, severed);

        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        silo.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        silo.AddAdoNetGrainStorage(DeletingStorageName, o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
            o.DeleteStateOnClear = true;
        });

        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Configure<ClusterMembershipOptions>(FastLiveness);
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// A dead silo is suspected after two probes missed by two of its monitors. Defaults are
    /// ProbeTimeout 5 s, three misses and a 60 s table refresh: far too slow for a test.
    /// </summary>
    public static void FastLiveness(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
    }

    /// <summary>Wraps the registered ADO.NET table so the test can cut this one silo off it.</summary>
    private static void MakeSeverable(IServiceCollection services, SeveredSilos severed)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IMembershipTable));
        var implementation = registered.ImplementationType
            ?? throw new InvalidOperationException("UseAdoNetClustering no longer registers IMembershipTable by type; update MakeSeverable.");
        services.Remove(registered);
        services.AddSingleton<IMembershipTable>(sp => new SeverableMembershipTable(
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress,
            (IMembershipTable)ActivatorUtilities.CreateInstance(sp, implementation), severed));
    }
}
