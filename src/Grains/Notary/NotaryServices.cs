using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Grains.Notary;

public static class NotaryServices
{
    /// <summary>
    /// The notary's storage (on the entry store's database), its signing key, its pace (bound
    /// from the <c>Ddl</c> section: <c>Ddl:SealInterval</c>...) and the per-silo watchdog that
    /// keeps it running. Needs a <see cref="TimeProvider"/> registered beside it.
    /// </summary>
    public static IServiceCollection AddLedgerNotary(this IServiceCollection services, IEntryStore store, SigningKey notaryKey, Genesis genesis)
    {
        services.AddOptions<NotaryOptions>()
            .BindConfiguration(NotaryOptions.Section)
            .Validate(o => o.SealInterval > TimeSpan.Zero, "Ddl:SealInterval must be positive.")
            .Validate(o => o.SealBatchLimit > 0, "Ddl:SealBatchLimit must be positive.")
            .ValidateOnStart();
        services.AddSingleton(NotaryStores.For(store));
        services.AddSingleton(sp => new NotarySigner(notaryKey, genesis, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<NotaryWatchdog>();
        return services;
    }
}
