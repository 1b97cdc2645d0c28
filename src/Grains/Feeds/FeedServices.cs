using Ddl.Grains.Chains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ddl.Grains.Feeds;

public static class FeedServices
{
    /// <summary>
    /// The live feeds of one silo: the commit listener and publisher (entries committed here go to
    /// the shards), and the hub that receives every silo's entries for this silo's subscribers.
    /// Needs the entry store and a <see cref="TimeProvider"/> in DI.
    /// </summary>
    public static IServiceCollection AddLedgerFeeds(this IServiceCollection services, Action<FeedOptions>? configure = null)
    {
        var options = services.AddOptions<FeedOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<InstitutionRegions>();
        services.TryAddSingleton<SiloFeedHub>();
        services.TryAddSingleton<FeedContext>();
        services.TryAddSingleton<CheckpointWatcher>();
        services.TryAddSingleton<FeedPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedPublisher>());
        services.AddHostedService<FeedHubStarter>();
        services.AddSingleton<ICommitListener, FeedCommitListener>();
        return services;
    }
}
