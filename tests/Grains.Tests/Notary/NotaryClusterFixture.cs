using Ddl.Grains.Notary;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Ddl.Grains.Tests.Notary;

/// <summary>
/// A real 3-silo cluster running the notary as the ledger host does (timer, reminder, per-silo
/// watchdog), on a PostgreSQL schema of its own: a seal takes every waiting entry of its database,
/// so no other test may write there. Liveness and the reminder are tuned from minutes to seconds.
/// One cluster per test class.
/// </summary>
public sealed class NotaryClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan SealInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the survivors take at most to declare a killed silo dead with the settings below:
    /// two missed probes of one second each, votes counted and the table re-read within a second
    /// more, and a margin for a busy 2-core machine.
    /// </summary>
    public static readonly TimeSpan FailureDetection = TimeSpan.FromSeconds(10);

    public TestLedger Ledger { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The test's own stores on the cluster's schema, to write entries and read the log.</summary>
    public IEntryStore Store { get; private set; } = null!;

    public INotaryStore Notary { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public INotaryGrain NotaryGrain => Grains.GetGrain<INotaryGrain>(Ddl.Grains.Notary.NotaryGrain.Key);

    public async Task InitializeAsync()
    {
        var connection = await PostgresSchemas.CreateAsync("ddl_notary");
        Store = EntryStoreFactory.Create(new StoreOptions { Engine = StoreOptions.Postgres, PostgresConnectionString = connection });
        await Store.MigrateAsync();
        Notary = NotaryStores.For(Store);

        var builder = new InProcessTestClusterBuilder(3);
        var ledger = Ledger;
        builder.ConfigureSilo((_, silo) =>
        {
            // Each silo has its own pool, as three processes would.
            var store = EntryStoreFactory.Create(new StoreOptions { Engine = StoreOptions.Postgres, PostgresConnectionString = connection });
            silo.Services.AddSingleton(store);
            silo.Services.AddSingleton(ledger.Trust);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddLedgerNotary(store, ledger.Notary, ledger.Genesis);
            silo.Services.Configure<NotaryOptions>(o =>
            {
                o.SealInterval = SealInterval;
                o.NotaryReminderPeriod = TimeSpan.FromSeconds(2);
            });
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Appends <paramref name="count"/> entries over a few fresh chains, as chain grains would, and returns them.</summary>
    public async Task<List<StoredEntry>> AppendAsync(int count)
    {
        var entries = new List<StoredEntry>(count);
        var chains = Enumerable.Range(0, Math.Max(1, count / 4)).Select(_ => (Id: TestLedger.NewId("prescription"), Seq: 0L, Prev: Hashes.ZeroHash)).ToArray();
        for (var i = 0; i < count; i++)
        {
            ref var chain = ref chains[i % chains.Length];
            var json = $$"""{"chain":"{{chain.Id}}","n":{{i}},"nonce":"{{Guid.NewGuid():N}}","seq":{{chain.Seq}},"v":1}""";
            var hash = Hashes.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(json));
            entries.Add(new StoredEntry(chain.Id, chain.Seq, hash, chain.Prev, "institution:test", Guid.NewGuid().ToString("N"),
                "prescription.issued", LedgerTime.Format(DateTimeOffset.UtcNow), json));
            chain = (chain.Id, chain.Seq + 1, hash);
        }
        foreach (var outcome in await Store.AppendBatchAsync(entries))
            Assert.IsType<AppendOutcome.Appended>(outcome);
        return entries;
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
    }
}
