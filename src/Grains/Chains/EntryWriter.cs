using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Ddl.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Chains;

/// <summary>
/// The silo's one path to the entry store: appends from every chain grain on the silo are queued
/// here and written together, many entries per database round trip and commit (group commit),
/// so throughput is not capped at one fsync per entry. Each grain awaits its own entry's outcome,
/// and so still acknowledges only what is durably committed. No entry waits for a timer: a batch
/// is whatever queued up while the previous one was being written.
/// </summary>
public sealed class EntryWriter(IEntryStore store, ILogger<EntryWriter> logger, IEnumerable<IFaultPoints> faultPoints) : BackgroundService
{
    // Production registers none; crash tests make a write fail here as a lost database connection would.
    private readonly IFaultPoints? faults = faultPoints.FirstOrDefault();

    /// <summary>Most entries in one transaction: large enough to amortise the commit, small enough to keep latency low.</summary>
    public const int MaxBatch = 512;

    /// <summary>The meter of the ledger's own instruments; the silo exports it at /metrics.</summary>
    public const string MeterName = "Ddl.Ledger";

    // Counted here, after the commit, so the rate is of durably stored entries only.
    private static readonly Counter<long> Appended = new Meter(MeterName).CreateCounter<long>("ddl.entries.appended", "{entry}", "Entries committed to the entry store");

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Queues one entry and completes when its transaction has committed (or failed).
    /// <paramref name="after"/> is the append of the entry just before it on the same chain, when
    /// that one was still in flight: if it is not written, this one is not written either (never a
    /// gap in a chain).
    /// </summary>
    public Task<AppendOutcome> AppendAsync(StoredEntry entry, Task<AppendOutcome>? after = null)
    {
        var pending = new Pending(entry, after, new TaskCompletionSource<AppendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The silo is shutting down; the entry was not written.");
        }

        return pending.Outcome.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var rows = new List<StoredEntry>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
                {
                    // The predecessor was in an earlier batch, so its outcome is known: a failed one
                    // fails its followers unwritten. One still pending is in this batch, where the
                    // store keeps the chain gap-free.
                    if (next.After is { IsCompleted: true } after && !(after.IsCompletedSuccessfully && after.Result is AppendOutcome.Appended))
                    {
                        next.Outcome.TrySetResult(new AppendOutcome.Conflict(next.Entry.Chain, next.Entry.Seq));
                        continue;
                    }

                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                rows.Clear();
                rows.AddRange(batch.Select(p => p.Entry));
                await WriteAsync(batch, rows);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Writer.TryComplete();
        }

        // Whatever is still queued at shutdown is refused, never silently dropped.
        while (queue.Reader.TryRead(out var left))
        {
            left.Outcome.TrySetException(new InvalidOperationException("The silo shut down before the entry was written; retry it."));
        }
    }

    private async Task WriteAsync(List<Pending> batch, List<StoredEntry> rows)
    {
        try
        {
            if (faults is not null)
            {
                foreach (var chain in rows.Select(r => r.Chain).Distinct())
                {
                    await faults.HitAsync(FaultPoints.BeforeEntryCommit, chain);
                }
            }

            // Alone in its batch, an entry takes the store's single-row path: one statement, no batch set-up.
            var outcomes = batch.Count == 1
                ? [await store.AppendAsync(rows[0])]
                : await store.AppendBatchAsync(rows);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult(outcomes[i]);
            }
            Appended.Add(outcomes.Count(o => o is AppendOutcome.Appended));
        }
        catch (ChainConflictException e) when (batch.Count == 1)
        {
            batch[0].Outcome.TrySetException(e);
        }
        catch (Exception e)
        {
            // Whether the transaction committed is unknown: every writer in it must re-read its chain.
            logger.LogWarning(e, "A batch of {Count} entries failed", batch.Count);
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(e);
            }
        }
    }

    private sealed record Pending(StoredEntry Entry, Task<AppendOutcome>? After, TaskCompletionSource<AppendOutcome> Outcome);
}
