namespace Ddl.Grains.Feeds;

/// <summary>
/// What a hub remembers of the events it dispatched: their positions (to drop a second copy, from a
/// retried publish or a repair), the store head, and the head as it was a while ago (where a repair
/// starts).
/// </summary>
internal sealed class DispatchState(TimeSpan remember)
{
    private static readonly long SampleEvery = TimeSpan.FromMilliseconds(100).Ticks;

    private readonly Lock gate = new();
    private readonly HashSet<long> seen = [];
    private readonly Queue<(long Ticks, long Position)> seenOrder = new();
    private readonly Queue<(long Ticks, long Head)> heads = new();
    private long head;
    private long floor;
    private long lastSampleTicks;

    public long Head => Interlocked.Read(ref head);

    /// <summary>Forgets everything; the hub (re)starts following the store from <paramref name="start"/>.</summary>
    public void Reset(long start)
    {
        lock (gate)
        {
            seen.Clear();
            seenOrder.Clear();
            heads.Clear();
            floor = start;
            lastSampleTicks = 0;
            Interlocked.Exchange(ref head, start);
        }
    }

    /// <summary>Records a dispatch; false when this position was dispatched already.</summary>
    public bool FirstTime(long position, long now)
    {
        lock (gate)
        {
            if (!seen.Add(position))
            {
                return false;
            }

            seenOrder.Enqueue((now, position));
            while (seenOrder.Peek().Ticks < now - remember.Ticks)
            {
                seen.Remove(seenOrder.Dequeue().Position);
            }

            if (position > head)
            {
                Interlocked.Exchange(ref head, position);
            }

            if (lastSampleTicks <= now - SampleEvery)
            {
                heads.Enqueue((now, head));
                lastSampleTicks = now;
            }

            while (heads.Count > 1 && heads.Peek().Ticks < now - remember.Ticks)
            {
                heads.Dequeue();
            }

            return true;
        }
    }

    public bool HasSeen(long position)
    {
        lock (gate)
        {
            return seen.Contains(position);
        }
    }

    /// <summary>
    /// Positions at or below this are before the hub attached, or were dispatched long enough ago to
    /// have left <see cref="HasSeen"/>'s memory: not to be dispatched again.
    /// </summary>
    public long Forgotten(long now) => RepairStart(now, remember);

    /// <summary>The position to re-read the store from to cover the last <paramref name="lookback"/>.</summary>
    public long RepairStart(long now, TimeSpan lookback)
    {
        lock (gate)
        {
            var start = floor;
            foreach (var (ticks, position) in heads)
            {
                if (ticks > now - lookback.Ticks)
                {
                    break;
                }

                start = Math.Max(start, position);
            }

            return start;
        }
    }

    /// <summary>Raises the head to a position known to exist (found in the store).</summary>
    public void Observe(long position)
    {
        lock (gate)
        {
            if (position > head)
            {
                Interlocked.Exchange(ref head, position);
            }
        }
    }
}
