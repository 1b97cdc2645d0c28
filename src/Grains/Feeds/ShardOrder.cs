namespace Ddl.Grains.Feeds;

/// <summary>
/// Puts each shard's batches back in order at a hub. One-way calls to an observer in the web tier
/// are not delivered in the order they were sent (they are run as they come off the wire, several
/// at once), so batch n+1 can arrive before batch n. A batch that arrives early waits for the ones
/// before it; if they have not come within <see cref="Wait"/>, they are taken as lost, the waiting
/// batches go on, and the hub repairs from the store. A batch from a new activation of the shard
/// (another epoch) means the shard restarted and may have dropped events: repair too.
/// Not thread-safe: the hub uses it under its dispatch lock.
/// </summary>
internal sealed class ShardOrder
{
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<int, Shard> shards = [];

    private sealed class Shard(Guid epoch, long next)
    {
        public Guid Epoch { get; set; } = epoch;

        public long Next { get; set; } = next;

        public SortedDictionary<long, FeedBatch> Early { get; } = [];
    }

    public void Clear() => shards.Clear();

    /// <summary>
    /// Takes a batch; returns the batches now due, in order, and whether something may have been lost.
    /// When <paramref name="waiting"/> is set, call <see cref="Expire"/> for the shard after <see cref="Wait"/>.
    /// </summary>
    public (List<FeedBatch> Due, bool Lost, bool Waiting) Accept(FeedBatch batch)
    {
        if (!shards.TryGetValue(batch.Shard, out var shard))
        {
            // The first batch this hub sees from the shard sets where it stands.
            shards[batch.Shard] = new Shard(batch.Epoch, batch.Number + 1);
            return ([batch], false, false);
        }

        if (shard.Epoch != batch.Epoch)
        {
            var due = shard.Early.Values.Append(batch).ToList();
            shard.Early.Clear();
            shard.Epoch = batch.Epoch;
            shard.Next = batch.Number + 1;
            return (due, true, false);
        }

        if (batch.Number < shard.Next)
        {
            // Late: its turn was given up on. It still goes out (the hub drops what it already has).
            return ([batch], false, false);
        }

        if (batch.Number > shard.Next)
        {
            shard.Early[batch.Number] = batch;
            return ([], false, shard.Early.Count == 1);
        }

        var ready = new List<FeedBatch> { batch };
        shard.Next++;
        while (shard.Early.Remove(shard.Next, out var next))
        {
            ready.Add(next);
            shard.Next++;
        }

        return (ready, false, false);
    }

    /// <summary>Gives up waiting for a shard's missing batches: returns the early ones, in order (empty when they were not missing after all).</summary>
    public List<FeedBatch> Expire(int shardKey)
    {
        if (!shards.TryGetValue(shardKey, out var shard) || shard.Early.Count == 0)
        {
            return [];
        }

        var due = shard.Early.Values.ToList();
        shard.Early.Clear();
        shard.Next = due[^1].Number + 1;
        return due;
    }
}
