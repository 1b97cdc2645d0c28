using Ddl.Grains.Feeds;
using Ddl.Store;
using Ddl.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ddl.Grains.Tests;

/// <summary>
/// A 3-silo cluster with the live feeds, on a PostgreSQL schema of its own (the feed hubs read the
/// store's global order, so they should see only this cluster's entries). Each silo's hub lives in
/// that silo's service provider, as the web tier's does in the ledger process.
/// </summary>
public sealed class FeedClusterFixture : IAsyncLifetime
{
    /// <summary>Small enough for a test to overflow it on purpose.</summary>
    public const int DeliveryBuffer = 64;

    public TestLedger Ledger { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IReadOnlyList<FeedContext> Feeds => Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<FeedContext>()).ToList();

    public async Task InitializeAsync()
    {
        var connection = await PostgresSchemas.CreateAsync("ddl_feeds");
        await using (var store = EntryStoreFactory.Create(new StoreOptions { Engine = "postgres", PostgresConnectionString = connection }))
        {
            await store.MigrateAsync();
        }

        var builder = new InProcessTestClusterBuilder(3);
        var ledger = Ledger;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_ => EntryStoreFactory.Create(new StoreOptions { Engine = "postgres", PostgresConnectionString = connection }));
            silo.Services.AddSingleton(ledger.Trust);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddLedgerDomain(new ConfigurationBuilder().Build());
            silo.Services.AddLedgerFeeds(o =>
            {
                o.RenewPeriod = TimeSpan.FromMilliseconds(500);
                o.DeliveryBuffer = DeliveryBuffer;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FeedClusterCollection : ICollectionFixture<FeedClusterFixture>
{
    public const string Name = "feed cluster";
}
