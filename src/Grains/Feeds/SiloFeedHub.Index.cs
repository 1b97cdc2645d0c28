namespace Ddl.Grains.Feeds;

/// <summary>
/// The hub's index of this silo's feeds, by key (<c>chain:&lt;id&gt;</c>, <c>party:&lt;subject&gt;</c>,
/// <c>*</c>): copied on write, so dispatch reads it without a lock.
/// </summary>
public sealed partial class SiloFeedHub
{
    /// <summary>Files a feed under its index key, attaching to the shards first if needed.</summary>
    internal async Task RegisterAsync(LiveFeed feed, CancellationToken ct)
    {
        await attachGate.WaitAsync(ct);
        try
        {
            if (!attached)
            {
                await AttachAsync(ct);
            }

            lock (indexGate)
            {
                var copy = new Dictionary<string, LiveFeed[]>(index, StringComparer.Ordinal);
                copy[feed.IndexKey] = copy.TryGetValue(feed.IndexKey, out var feeds) ? [.. feeds, feed] : [feed];
                Volatile.Write(ref index, copy);
                feedCount++;
            }
        }
        finally
        {
            attachGate.Release();
        }
    }

    internal void Unregister(LiveFeed feed)
    {
        lock (indexGate)
        {
            if (!index.TryGetValue(feed.IndexKey, out var feeds) || !feeds.Contains(feed))
            {
                return;
            }

            var copy = new Dictionary<string, LiveFeed[]>(index, StringComparer.Ordinal);
            var rest = feeds.Where(f => !ReferenceEquals(f, feed)).ToArray();
            if (rest.Length == 0)
            {
                copy.Remove(feed.IndexKey);
            }
            else
            {
                copy[feed.IndexKey] = rest;
            }

            Volatile.Write(ref index, copy);
            feedCount--;
        }
    }

    /// <summary>Offers an event to the feeds filed under its chain, its parties and the global key.</summary>
    private void Fan(FeedEvent e)
    {
        var feeds = Volatile.Read(ref index);
        Offer(feeds, "chain:" + e.Chain, e);
        if (e.Prescription is { } prescription)
        {
            foreach (var party in prescription.Parties())
            {
                Offer(feeds, "party:" + party, e);
            }
        }

        Offer(feeds, Global, e);
    }

    private static void Offer(Dictionary<string, LiveFeed[]> feeds, string key, FeedEvent e)
    {
        if (feeds.TryGetValue(key, out var found))
        {
            foreach (var feed in found)
            {
                if (feed.Matches(e))
                {
                    feed.Offer(e);
                }
            }
        }
    }
}
