using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Passes committed entries on to every silo's hub. It holds no state worth keeping: when it
/// restarts, its epoch changes, hubs notice (first batch of a new epoch, or a renewal it did not
/// expect) and re-read the store for what they may have missed.
/// </summary>
public sealed class FeedShardGrain(IOptions<FeedOptions> options, ILogger<FeedShardGrain> logger) : Grain, IFeedShardGrain
{
    private readonly ObserverManager<IFeedObserver> hubs = new(options.Value.ObserverExpiry, logger);
    private readonly Guid epoch = Guid.NewGuid();
    private long batches;

    public Task<bool> SubscribeAsync(IFeedObserver hub)
    {
        var known = hubs.Observers.ContainsKey(hub);
        hubs.Subscribe(hub, hub);
        return Task.FromResult(known);
    }

    public Task UnsubscribeAsync(IFeedObserver hub)
    {
        hubs.Unsubscribe(hub);
        return Task.CompletedTask;
    }

    public Task PublishAsync(FeedEvent[] events)
    {
        if (events.Length > 0)
        {
            var batch = new FeedBatch((int)this.GetPrimaryKeyLong(), epoch, ++batches, events);
            hubs.Notify(hub => hub.OnEventsAsync(batch));
        }

        return Task.CompletedTask;
    }
}
