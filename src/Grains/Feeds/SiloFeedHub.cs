using Ddl.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ddl.Grains.Feeds;

/// <summary>
/// This silo's end of the feed bus, in the web tier (not a grain). It is attached to every shard
/// as one grain observer, renews that every
/// <see cref="FeedOptions.RenewPeriod"/>, and hands each event to the local feeds it concerns
/// (looked up by chain, by party, or global). It never waits inside the observer callback.
/// It also keeps the live part honest: an event it has already dispatched is dropped, and when it
/// may have missed some (a batch number skipped, a shard restarted, a silo left the cluster) it
/// re-reads the last <see cref="FeedOptions.RepairLookback"/> of the store and dispatches what it
/// had not seen.
/// </summary>
public sealed partial class SiloFeedHub : IFeedObserver, IDisposable
{
    private const string Global = "*";
    private const int RepairPage = 1000;

    private readonly IGrainFactory grains;
    private readonly IEntryStore store;
    private readonly InstitutionRegions regions;
    private readonly FeedOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<SiloFeedHub> logger;

    // Dispatch is serial, so each chain's events reach the feeds in the order their shard sent them.
    private readonly Lock dispatchGate = new();
    private readonly Lock indexGate = new();
    private readonly ShardOrder shardOrder = new();
    private Dictionary<string, LiveFeed[]> index = new(StringComparer.Ordinal);
    private int feedCount;

    private readonly SemaphoreSlim attachGate = new(1, 1);
    private IFeedObserver? reference;
    private ITimer? renewal;
    private bool attached;
    private HashSet<string> knownSilos = [];

    public SiloFeedHub(IGrainFactory grains, IEntryStore store, InstitutionRegions regions, IOptions<FeedOptions> options,
        TimeProvider clock, ILogger<SiloFeedHub> logger)
    {
        this.grains = grains;
        this.store = store;
        this.regions = regions;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        dispatch = new DispatchState(this.options.RepairLookback + this.options.RepairLookback);
        chains = new ChainOrder(this.options.OrderedChains);
    }

    /// <summary>The highest store position this silo knows of.</summary>
    public long HeadPosition => dispatch.Head;

    /// <summary>
    /// Where a multi-chain feed without a cursor starts: the head as it was <see cref="FeedOptions.StartGrace"/>
    /// ago, so that a client that subscribes and at once writes (or has someone write) misses nothing
    /// to the race between its subscription and the commit.
    /// </summary>
    public long StartPosition => dispatch.RepairStart(clock.GetUtcNow().UtcTicks, options.StartGrace);

    /// <summary>How many feeds this silo serves.</summary>
    public int FeedCount => Volatile.Read(ref feedCount);

    /// <summary>Attaches to the shards unless already attached; <see cref="HeadPosition"/> is meaningful after it.</summary>
    internal async Task EnsureAttachedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref attached))
        {
            return;
        }

        await attachGate.WaitAsync(ct);
        try
        {
            if (!attached)
            {
                await AttachAsync(ct);
            }
        }
        finally
        {
            attachGate.Release();
        }
    }

    public Task OnEventsAsync(FeedBatch batch)
    {
        (List<FeedBatch> Due, bool Lost, bool Waiting) accepted;
        lock (dispatchGate)
        {
            accepted = shardOrder.Accept(batch);
            Dispatch(accepted.Due);
        }

        if (accepted.Lost)
        {
            RequestRepair($"shard {batch.Shard} restarted");
        }

        if (accepted.Waiting)
        {
            _ = ExpireAsync(batch.Shard);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops renewing. The silo is already down when its services are disposed, so the hub does not
    /// unsubscribe: the shards forget it after <see cref="FeedOptions.ObserverExpiry"/>.
    /// </summary>
    public void Dispose() => renewal?.Dispose();

    /// <summary>A shard's batch came early and the ones before it are late: wait a moment, then go on without them and repair.</summary>
    private async Task ExpireAsync(int shard)
    {
        await Task.Delay(ShardOrder.Wait);
        bool lost;
        lock (dispatchGate)
        {
            var due = shardOrder.Expire(shard);
            Dispatch(due);
            lost = due.Count > 0;
        }

        if (lost)
        {
            RequestRepair($"a batch of shard {shard} did not arrive");
        }
    }

    /// <summary>Call under <see cref="dispatchGate"/>.</summary>
    private void Dispatch(List<FeedBatch> batches)
    {
        foreach (var batch in batches)
        {
            foreach (var e in batch.Events)
            {
                Dispatch(e);
            }
        }
    }

    /// <summary>Hands an event to every local feed it concerns, once and in chain order. Call under <see cref="dispatchGate"/>.</summary>
    private void Dispatch(FeedEvent e)
    {
        if (dispatch.FirstTime(e.Position, clock.GetUtcNow().UtcTicks))
        {
            Sequence(e);
        }
    }
}
