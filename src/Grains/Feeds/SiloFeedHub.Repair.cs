using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Repairs: the live path delivers at most once, so when the hub may have missed events it re-reads
/// the recent store and dispatches what it has not seen. Requests made while a repair runs are
/// folded into one more run.
/// </summary>
public sealed partial class SiloFeedHub
{
    private readonly Lock repairGate = new();
    private bool repairing;
    private bool repairAgain;

    /// <summary>How many repairs this hub has run (for tests and logs).</summary>
    public int Repairs => Volatile.Read(ref repairs);

    private int repairs;

    private void RequestRepair(string reason)
    {
        lock (repairGate)
        {
            if (repairing)
            {
                repairAgain = true;
                return;
            }

            repairing = true;
        }

        logger.LogWarning("Feed hub repairing from the store: {Reason}", reason);
        _ = Task.Run(RepairLoopAsync);
    }

    private async Task RepairLoopAsync()
    {
        while (true)
        {
            try
            {
                await RepairAsync();
            }
            catch (Exception e)
            {
                // The next trigger (or renewal) tries again; feeds still resume exactly from the store.
                logger.LogError(e, "Feed hub repair failed");
            }

            lock (repairGate)
            {
                if (!repairAgain)
                {
                    repairing = false;
                    return;
                }

                repairAgain = false;
            }
        }
    }

    private async Task RepairAsync()
    {
        Interlocked.Increment(ref repairs);
        var enricher = new FeedEnricher(store, regions);
        var position = dispatch.RepairStart(clock.GetUtcNow().UtcTicks, options.RepairLookback);
        var found = 0;
        while (true)
        {
            var page = await store.ReadSinceAsync(position, RepairPage);
            foreach (var row in page)
            {
                position = row.Position;
                dispatch.Observe(row.Position);
                if (!dispatch.HasSeen(row.Position))
                {
                    found++;
                    var e = await enricher.EnrichAsync(row, CancellationToken.None);
                    lock (dispatchGate)
                    {
                        Dispatch(e);
                    }
                }
            }

            if (page.Count < RepairPage)
            {
                break;
            }
        }

        logger.LogInformation("Feed hub repair dispatched {Count} events it had not seen", found);
    }
}
