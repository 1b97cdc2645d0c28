using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    /// <summary>Every migration the store ships for the engine, in order: all of them, each once.</summary>
    private static List<int> EmbeddedVersions(string engine) =>
        Ddl.Store.Migrations.MigrationScript.Load(engine).Select(m => m.Version).ToList();

    [Fact]
    public async Task migrating_twice_applies_each_migration_once()
    {
        await using var database = await CreateFreshDatabaseAsync();
        await using var store = database.OpenStore();

        await store.MigrateAsync();
        await store.MigrateAsync();

        Assert.Equal(EmbeddedVersions(store.Engine), await database.AppliedMigrationVersionsAsync());
        Appended(await store.AppendAsync(Entry(NewChain(), 0)));
        // The shared database was migrated by its fixture: migrating it again is harmless too.
        await Store.MigrateAsync();
    }

    [Fact]
    public async Task stores_migrating_one_fresh_database_at_the_same_time_all_succeed()
    {
        await using var database = await CreateFreshDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => database.OpenStore()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var migrations = stores.Select(store => Task.Run(async () =>
            {
                await start.Task;
                await store.MigrateAsync();
            })).ToList();
            start.SetResult();
            await Task.WhenAll(migrations);

            Assert.Equal(EmbeddedVersions(stores[0].Engine), await database.AppliedMigrationVersionsAsync());
            var chain = NewChain();
            var stored = Appended(await stores[0].AppendAsync(Entry(chain, 0)));
            Assert.Equal(stored, await stores[^1].GetAsync(chain, 0));
        }
        finally
        {
            foreach (var store in stores)
                await store.DisposeAsync();
        }
    }
}
