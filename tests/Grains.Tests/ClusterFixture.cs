using Ddl.Grains.Chains;
using Ddl.Store;
using Microsoft.Extensions.Configuration;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ddl.Grains.Tests;

/// <summary>
/// A real 3-silo Orleans cluster in this process, every silo with its own connection pool to the
/// PostgreSQL the test command started, as three processes would have. One per test collection;
/// tests isolate themselves with fresh chain ids.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestLedger Ledger { get; } = new();

    /// <summary>Crash points tests can arm; disarmed they do nothing.</summary>
    public ArmableFaults Faults { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A store of the test's own, to look at what the silos wrote.</summary>
    public IEntryStore Store { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Store = EntryStoreFactory.Create(new StoreOptions { Engine = "postgres", PostgresConnectionString = TestPostgres.ConnectionString });
        await Store.MigrateAsync();
        var builder = new InProcessTestClusterBuilder(3);
        var ledger = Ledger;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_ => EntryStoreFactory.Create(new StoreOptions { Engine = "postgres", PostgresConnectionString = TestPostgres.ConnectionString }));
            silo.Services.AddSingleton(ledger.Trust);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton<IFaultPoints>(Faults);
            silo.Services.AddLedgerDomain(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Quick rounds so that expiries and left-behind links are picked up within a test.
                ["Ddl:Schedule:PollInterval"] = "00:00:00.500",
            }).Build());
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
