using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Chains;

/// <summary>
/// The pipeline of a chain grain: entries handed to the store before the ones ahead of them have
/// committed, and settled (acknowledged or failed) strictly in chain order.
/// </summary>
public abstract partial class ChainGrain
{
    /// <summary>
    /// Hands the entry to the store and moves the head past it at once, so that the next
    /// submission is checked against the state this entry leaves. Called with the gate held.
    /// </summary>
    private InFlight Enqueue(Entry entry)
    {
        var (text, hash) = entry.CanonicalTextAndHash();
        var row = new StoredEntry(entry.Chain, entry.Seq, hash, entry.Prev, entry.Submission.Author,
            entry.Submission.Nonce, entry.Submission.Type, entry.RecordedAt, text);
        var predecessor = tail;
        var commit = writer is null ? AppendAfterAsync(row, predecessor) : writer.AppendAsync(row, predecessor?.Commit);
        var flight = new InFlight(entry, hash, commit, predecessor, epoch);
        tail = flight;
        try
        {
            Fold(entry, hash);
        }
        catch
        {
            // The entry is on its way to the store all the same: settle it, so nothing waits on it forever.
            stale = true;
            _ = SettleAsync(flight).ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw;
        }

        return flight;
    }

    // Without a writer there is no queue that keeps a chain's entries in order: each waits for the one before.
    private async Task<AppendOutcome> AppendAfterAsync(StoredEntry row, InFlight? predecessor)
    {
        if (predecessor is not null && !await predecessor.Settled.Task)
        {
            return new AppendOutcome.Conflict(row.Chain, row.Seq);
        }

        return await store.AppendAsync(row);
    }

    /// <summary>
    /// Waits for the entry's commit and for every earlier entry of the chain to be settled, then
    /// acknowledges it, or fails it (and the grain's view, which already counted it).
    /// </summary>
    private async Task<Receipt> SettleAsync(InFlight flight)
    {
        AppendOutcome? outcome = null;
        Exception? failure = null;
        try
        {
            outcome = await flight.Commit;
        }
        catch (Exception e)
        {
            failure = e;
        }

        var earlierWritten = flight.Predecessor is null || await flight.Predecessor.Settled.Task;
        flight.Predecessor = null; // settled: let the chain of in-flight entries be collected
        var written = false;
        try
        {
            var entry = flight.Entry;
            if (!earlierWritten)
            {
                if (outcome is AppendOutcome.Appended)
                {
                    // The writer and the store refuse this; if it ever happens, never acknowledge it.
                    logger.LogError("Chain {Chain} seq {Seq} was written although an earlier entry was not", entry.Chain, entry.Seq);
                }

                throw new LedgerException(ErrorCodes.ChainConflict,
                    $"An earlier entry of chain '{entry.Chain}' was not written, so this one (seq {entry.Seq}) was not either; retry it.");
            }

            if (failure is ChainConflictException || outcome is AppendOutcome.Conflict)
            {
                // Someone else wrote this seq: a racing activation, or a commit whose answer we lost.
                logger.LogWarning("Chain {Chain} seq {Seq} was taken by another writer; reloading", entry.Chain, entry.Seq);
                throw new LedgerException(ErrorCodes.ChainConflict,
                    $"Chain '{entry.Chain}' moved on while this submission was being written; retry it.");
            }

            if (failure is not null)
            {
                // The write may or may not have committed: never guess, re-read before the next write.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }

            switch (outcome)
            {
                case AppendOutcome.Appended appended:
                    written = true;
                    Announce(appended.Entry);
                    return new Receipt(entry.Chain, entry.Seq, flight.Hash, entry.RecordedAt, Duplicate: false);
                case AppendOutcome.DuplicateNonce duplicate:
                    return ReceiptForDuplicate(entry, duplicate.Existing);
                default:
                    throw new InvalidOperationException($"Unknown append outcome {outcome}.");
            }
        }
        finally
        {
            if (!written && flight.Epoch == epoch)
            {
                stale = true;
            }

            if (ReferenceEquals(tail, flight))
            {
                tail = null;
            }

            flight.Settled.TrySetResult(written);
        }
    }

    /// <summary>Waits until every entry handed to the store has been settled.</summary>
    private async Task DrainAsync()
    {
        while (tail is { } last)
        {
            await last.Settled.Task;
        }
    }

    private async Task EnsureCurrentAsync()
    {
        if (stale)
        {
            await DrainAsync();
            await LoadAsync(CancellationToken.None);
        }
    }

    /// <summary>An entry handed to the store whose outcome the grain has not settled yet.</summary>
    private sealed class InFlight(Entry entry, string hash, Task<AppendOutcome> commit, InFlight? predecessor, int epoch)
    {
        public Entry Entry { get; } = entry;

        public string Hash { get; } = hash;

        public Task<AppendOutcome> Commit { get; } = commit;

        public InFlight? Predecessor { get; set; } = predecessor;

        public int Epoch { get; } = epoch;

        /// <summary>True once acknowledged as written; false if it was not (or may not have been).</summary>
        public TaskCompletionSource<bool> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
