namespace Ddl.Grains.Feeds;

/// <summary>
/// One shard of the cluster-wide feed bus (key 0..Shards-1): publishers on every silo hand it the
/// entries their chain grains committed, and it passes them on to the hub of every silo.
/// </summary>
public interface IFeedShardGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or renews a silo's hub. Returns false when the shard did not know it (it restarted, or the hub expired).</summary>
    Task<bool> SubscribeAsync(IFeedObserver hub);

    Task UnsubscribeAsync(IFeedObserver hub);

    Task PublishAsync(FeedEvent[] events);
}
