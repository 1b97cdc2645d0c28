using System.Threading.Channels;
using Ddl.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Publishes the entries committed on this silo to the feed shards. The chain grain only drops the
/// entry into an unbounded queue (a writer is never slowed by a feed); one loop per shard enriches
/// the entries in commit order and sends whatever has queued up in one call, so a busy shard gets
/// batches and an idle one gets each entry at once.
/// </summary>
public sealed class FeedPublisher : BackgroundService
{
    private const int MaxAttempts = 16;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<StoredEntry>[] queues;
    private readonly IGrainFactory grains;
    private readonly IEntryStore store;
    private readonly InstitutionRegions regions;
    private readonly FeedOptions options;
    private readonly ILogger<FeedPublisher> logger;

    public FeedPublisher(IGrainFactory grains, IEntryStore store, InstitutionRegions regions, IOptions<FeedOptions> options, ILogger<FeedPublisher> logger)
    {
        this.grains = grains;
        this.store = store;
        this.regions = regions;
        this.options = options.Value;
        this.logger = logger;
        queues = Enumerable.Range(0, this.options.Shards)
            .Select(_ => Channel.CreateUnbounded<StoredEntry>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
    }

    public void Enqueue(StoredEntry entry) => queues[FeedShards.Of(entry.Chain, queues.Length)].Writer.TryWrite(entry);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(queues.Select((queue, shard) => RunShardAsync(shard, queue.Reader, stoppingToken)));

    private async Task RunShardAsync(int shard, ChannelReader<StoredEntry> queue, CancellationToken ct)
    {
        // One reference per loop: building a grain reference per batch cost about 2 % of a busy
        // silo's CPU (perf, bench/Write), and a reference stays valid wherever the shard moves.
        var target = grains.GetGrain<IFeedShardGrain>(shard);
        var enricher = new FeedEnricher(store, regions);
        var batch = new List<FeedEvent>();
        try
        {
            while (await queue.WaitToReadAsync(ct))
            {
                while (batch.Count < options.MaxBatch && queue.TryRead(out var entry))
                {
                    batch.Add(await EnrichAsync(enricher, entry, ct));
                }

                await PublishAsync(target, shard, [.. batch], ct);
                batch.Clear();
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The silo is stopping; what is still queued is in the store for anyone who resumes.
            // A shard call cut off by the stop (the silo may already have left the cluster) is
            // part of stopping, not a failure to report.
        }
    }

    private async ValueTask<FeedEvent> EnrichAsync(FeedEnricher enricher, StoredEntry entry, CancellationToken ct)
    {
        try
        {
            return await enricher.EnrichAsync(entry, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without its facts the entry still reaches chainEntries; the filtered feeds pick it up on resume.
            logger.LogError(e, "Could not work out the feed facts of {Chain}#{Seq}", entry.Chain, entry.Seq);
            return FeedEvent.Plain(entry);
        }
    }

    /// <summary>
    /// Retries for about a minute: a shard whose silo died is reactivated elsewhere within seconds.
    /// Past that the batch is dropped (and logged) rather than hold up every chain behind it: the
    /// hubs fill a chain's gap from the store when its next entry comes, and resumes read the store.
    /// </summary>
    private async Task PublishAsync(IFeedShardGrain target, int shard, FeedEvent[] events, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await target.PublishAsync(events);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested && attempt < MaxAttempts)
            {
                logger.LogWarning(e, "Feed shard {Shard} refused a batch of {Count} (attempt {Attempt}); retrying", shard, events.Length, attempt);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Feed shard {Shard} refused a batch of {Count} {Attempts} times; dropping it ({First}#{Seq} first)",
                    shard, events.Length, attempt, events[0].Chain, events[0].Seq);
                return;
            }
        }
    }
}
