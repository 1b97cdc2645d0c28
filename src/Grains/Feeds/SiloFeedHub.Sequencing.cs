using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Chain order at the hub. Within one shard activation events arrive in order, but a shard that
/// restarts, or is briefly active twice while the cluster changes, can hand a chain's events to a
/// hub out of order, and one-way calls can be lost. Every silo's hub sees every event, so a seq
/// that skips one is a real gap: the event waits while the missing ones are read from the store.
/// When a chain first shows up mid-way, the few entries before it are checked the same way.
/// </summary>
public sealed partial class SiloFeedHub
{
    /// <summary>How far back a chain first seen mid-way is checked for entries that have not arrived yet.</summary>
    private const int CheckBack = 8;

    // Bounded by FeedOptions.OrderedChains; made in the constructor.
    private readonly ChainOrder chains;

    /// <summary>Call under <see cref="dispatchGate"/>, once per event (positions already de-duplicated).</summary>
    private void Sequence(FeedEvent e)
    {
        var state = chains[e.Chain];
        if (state.Filling)
        {
            state.Held[e.Seq] = e;
            return;
        }

        if (state.Known ? e.Seq <= state.Last + 1 : e.Seq == 0)
        {
            // In order, or a late one whose turn has passed (a repair, a retried publish): never dropped.
            Fan(e);
            state.Last = Math.Max(state.Last, e.Seq);
            return;
        }

        state.Held[e.Seq] = e;
        state.Filling = true;
        var from = state.Known ? state.Last + 1 : Math.Max(0, e.Seq - CheckBack);
        _ = Task.Run(() => FillAsync(e.Chain, state, from));
    }

    private async Task FillAsync(string chain, ChainOrder.State state, long from)
    {
        var enricher = new FeedEnricher(store, regions);
        try
        {
            while (true)
            {
                long until;
                lock (dispatchGate)
                {
                    until = state.Held.Keys.First();
                }

                var rows = until > from ? await store.ReadChainAsync(chain, from, (int)Math.Min(until - from, 1000)) : [];
                var missing = new List<FeedEvent>();
                var forgotten = dispatch.Forgotten(clock.GetUtcNow().UtcTicks);
                foreach (var row in rows.Where(r => r.Position > forgotten && !dispatch.HasSeen(r.Position)))
                {
                    missing.Add(await enricher.EnrichAsync(row, CancellationToken.None));
                }

                lock (dispatchGate)
                {
                    foreach (var e in missing.Where(e => dispatch.FirstTime(e.Position, clock.GetUtcNow().UtcTicks)))
                    {
                        Fan(e);
                    }

                    // Whatever the store holds before the first held event has now been dispatched (or was before).
                    // It holds them all (a later seq was committed after them); should a read come back short
                    // anyway, the gap is passed over rather than asked for again and again.
                    state.Last = Math.Max(state.Last, rows.Count > 0 ? rows[^1].Seq : until - 1);
                    if (ReleaseHeld(state))
                    {
                        return;
                    }

                    from = state.Last + 1;
                }
            }
        }
        catch (Exception e)
        {
            // Holding events back for ever would be worse than sending them out of order.
            logger.LogError(e, "Could not read {Chain} to put its live events in order; passing them on as they came", chain);
            lock (dispatchGate)
            {
                foreach (var held in state.Held.Values)
                {
                    Fan(held);
                    state.Last = Math.Max(state.Last, held.Seq);
                }

                state.Held.Clear();
                state.Filling = false;
            }
        }
    }

    /// <summary>Passes on the held events whose turn has come; true when none is left waiting. Call under <see cref="dispatchGate"/>.</summary>
    private bool ReleaseHeld(ChainOrder.State state)
    {
        while (state.Held.Count > 0)
        {
            var (seq, e) = state.Held.First();
            if (seq > state.Last + 1)
            {
                return false;
            }

            state.Held.Remove(seq);
            Fan(e);
            state.Last = Math.Max(state.Last, seq);
        }

        state.Filling = false;
        return true;
    }
}
