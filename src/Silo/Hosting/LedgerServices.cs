using Ddl.Grains.Feeds;
using Ddl.Grains.Notary;
using Ddl.Grains.Trust;
using Ddl.Silo.Configuration;
using Ddl.Silo.Genesis;
using Ddl.Store;

namespace Ddl.Silo.Hosting;

public static class LedgerServices
{
    /// <summary>What every grain and resolver leans on: the store, the roots of trust, the clock.</summary>
    public static IServiceCollection AddLedgerCore(this IServiceCollection services, IConfiguration configuration, DdlOptions options, GenesisFiles genesis, IEntryStore store)
    {
        services.AddSingleton(options);
        services.AddSingleton(genesis);
        services.AddSingleton(store);
        services.AddSingleton(new LedgerTrust(genesis.Genesis, genesis.System));
        services.AddSingleton(TimeProvider.System);
        services.AddLedgerNotary(store, genesis.Notary, genesis.Genesis);
        services.AddLedgerFeeds(feeds => configuration.GetSection(FeedOptions.Section).Bind(feeds));
        return services;
    }
}
