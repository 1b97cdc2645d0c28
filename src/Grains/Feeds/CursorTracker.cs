using System.Collections.Immutable;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Keeps a feed's cursor as it delivers: each delivery is O(1), and each event keeps a snapshot
/// (the immutable queue) that is only turned into text if the client asks for <c>cursor</c>.
/// </summary>
internal sealed class CursorTracker(long watermark, IEnumerable<long> delivered, long now, long settleTicks)
{
    private ImmutableQueue<(long Position, long Ticks)> recent =
        ImmutableQueue.CreateRange(delivered.Select(p => (p, now)));

    private long watermark = watermark;

    public FeedCursor Deliver(long position, long now)
    {
        recent = recent.Enqueue((position, now));
        // Whatever was delivered a settle period ago: every lower position has committed since, and come too.
        while (!recent.IsEmpty && recent.Peek().Ticks <= now - settleTicks)
        {
            watermark = Math.Max(watermark, recent.Peek().Position);
            recent = recent.Dequeue();
        }

        var snapshot = recent;
        return new FeedCursor(watermark, snapshot.Select(r => r.Position));
    }
}
