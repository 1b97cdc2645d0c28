using Orleans.Concurrency;

namespace Ddl.Grains.Feeds;

/// <summary>
/// A silo's feed hub as the shards see it. One-way: a shard never waits for a silo, so a slow or
/// dead silo cannot hold up the others (delivery is at most once; the hub repairs from the store).
/// </summary>
public interface IFeedObserver : IGrainObserver
{
    [OneWay]
    Task OnEventsAsync(FeedBatch batch);
}
