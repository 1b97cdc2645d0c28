using Ddl.Store;
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
