using Ddl.Silo.Configuration;
using Ddl.Store;

namespace Ddl.Silo.Hosting;

public static class StoreSetup
{
    /// <summary>Opens the entry store the configuration names and brings its schema up to date.</summary>
    public static async Task<IEntryStore> OpenAndMigrateAsync(DdlOptions options)
    {
        var store = EntryStoreFactory.Create(new StoreOptions
        {
            Engine = options.StoreEngine,
            SqlitePath = Path.Combine(options.FullDataDir, "ledger.db"),
            PostgresConnectionString = options.Postgres,
        });
        await store.MigrateAsync();
        return store;
    }
}
