using Ddl.Grains.Institutions;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Chains;

/// <summary>
/// The one writer of one hash chain. It rebuilds its state from the store on activation, checks
/// each submission (shape, chain, signature with the author's key as of now, then the rules of its
/// kind), appends it as seq n with prev = hash of seq n-1, and acknowledges only once the store has
/// committed it. The store's unique (chain, seq) key is the fence: a second activation racing this
/// one loses loudly instead of forking the chain.
/// </summary>
public abstract class ChainGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger logger)
    : Grain, IChainGrain
{
    private IReadOnlyList<ICommitListener> listeners = [];
    private EntryWriter? writer;

    private const int PageSize = 1000;

    /// <summary>How far ahead of the ledger's clock an author's claimed time may be.</summary>
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly Dictionary<(string Author, string Nonce), long> nonces = new();
    private long length;
    private string headHash = Hashes.ZeroHash;
    private DateTimeOffset lastRecordedAt = DateTimeOffset.MinValue;
    private bool stale = true;

    protected IEntryStore Store => store;

    protected LedgerTrust Trust => trust;

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected string ChainKey => this.GetPrimaryKeyString();

    protected long Length => length;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        listeners = ServiceProvider.GetServices<ICommitListener>().ToList();
        writer = ServiceProvider.GetService<EntryWriter>();
        await LoadAsync(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<(long Length, string HeadHash)> GetHeadAsync() => Task.FromResult((length, headHash));

    public async Task RunScheduledAsync(string kind)
    {
        if (stale)
        {
            await LoadAsync(CancellationToken.None);
        }

        await RunScheduledWorkAsync(kind);
    }

    /// <summary>The chain kind's scheduled work; the default knows none and says so.</summary>
    protected virtual Task RunScheduledWorkAsync(string kind)
    {
        logger.LogWarning("Chain {Chain} has no scheduled work called {Kind}", ChainKey, kind);
        return Task.CompletedTask;
    }

    public async Task<Receipt> SubmitAsync(SignedSubmission signed)
    {
        if (stale)
        {
            await LoadAsync(CancellationToken.None);
        }

        var submission = Submission.Parse(signed.Submission);
        if (submission.Chain != ChainKey)
        {
            throw new LedgerException(ErrorCodes.WrongChain,
                $"The submission is for chain '{submission.Chain}' but was sent to '{ChainKey}'; a signature for one chain cannot be replayed on another.");
        }

        if (nonces.TryGetValue((submission.Author, submission.Nonce), out var earlierSeq))
        {
            return await ReceiptForResubmissionAsync(submission, signed.Sig, earlierSeq);
        }

        var recordedAt = NextRecordedAt();
        if (LedgerTime.Parse(submission.At) > recordedAt + AllowedClockSkew)
        {
            throw new LedgerException(ErrorCodes.InvalidTime,
                $"The submission claims a time ({submission.At}) more than {AllowedClockSkew.TotalMinutes:0} minutes ahead of the ledger's clock.");
        }

        var (key, authorKind) = await ResolveKeyAsync(submission.Author, submission.Key, recordedAt);
        if (!submission.Verify(key, signed.Sig))
        {
            throw new LedgerException(ErrorCodes.BadSignature,
                $"The signature does not verify with key '{key.Id}' of '{submission.Author}'.");
        }

        await ValidateAsync(submission, new SubmissionContext(recordedAt, authorKind));
        await BeforeAppendAsync(submission);
        var entry = Entry.Create(submission, signed.Sig, length, headHash, recordedAt);
        var receipt = await AppendAsync(entry);
        if (!receipt.Duplicate)
        {
            await AfterAppendAsync(entry, receipt);
        }

        return receipt;
    }

    /// <summary>
    /// Writes an entry the ledger itself authors (links between chains, expiries), signed with the
    /// published system key. Idempotent on the nonce, so a retried cross-actor effect lands once.
    /// </summary>
    protected async Task<Receipt> AppendLedgerEntryAsync(string type, string nonce, System.Text.Json.Nodes.JsonObject body)
    {
        if (stale)
        {
            await LoadAsync(CancellationToken.None);
        }

        if (nonces.TryGetValue((Authors.Ledger, nonce), out var earlierSeq))
        {
            var earlier = await store.GetAsync(ChainKey, earlierSeq)
                ?? throw new InvalidOperationException($"Entry {ChainKey}#{earlierSeq} vanished from the store.");
            return new Receipt(earlier.Chain, earlier.Seq, earlier.Hash, earlier.RecordedAt, Duplicate: true);
        }

        var recordedAt = NextRecordedAt();
        var submission = Submission.Create(type, ChainKey, Authors.Ledger, trust.SystemKey.Public.Id, recordedAt, nonce, body);
        var entry = Entry.Create(submission, submission.Sign(trust.SystemKey), length, headHash, recordedAt);
        return await AppendAsync(entry);
    }

    /// <summary>The rules of this chain's kind, checked before anything is written. Throw a <see cref="LedgerException"/> to refuse.</summary>
    protected abstract Task ValidateAsync(Submission submission, SubmissionContext context);

    /// <summary>
    /// Runs once a submission passed every check, before it is written: the place to record
    /// durable intent for follow-up work (so that a crash right after the write still gets it done).
    /// </summary>
    protected virtual Task BeforeAppendAsync(Submission submission) => Task.CompletedTask;

    /// <summary>Runs after a new entry is durably committed (not on replays): follow-up effects on other actors.</summary>
    protected virtual Task AfterAppendAsync(Entry entry, Receipt receipt) => Task.CompletedTask;

    /// <summary>Folds a committed entry into the grain's domain state (on activation and after each append).</summary>
    protected abstract void Apply(Entry entry);

    /// <summary>Forgets the domain state before a rebuild from the store.</summary>
    protected abstract void Reset();

    /// <summary>Looks up the key an author signs with, as of <paramref name="recordedAt"/>, and the kind of institution it is.</summary>
    protected virtual async Task<(PublicKeyInfo Key, string? InstitutionKind)> ResolveKeyAsync(string author, string keyId, DateTimeOffset recordedAt)
    {
        if (!Authors.IsInstitution(author))
        {
            return (trust.ResolveRootKey(author, keyId), null);
        }

        var lookup = await GrainFactory.GetGrain<IInstitutionGrain>(author)
            .LookupKeyAsync(keyId, LedgerTime.Format(recordedAt));
        if (lookup.RefusalCode is not null)
        {
            throw new LedgerException(lookup.RefusalCode, lookup.Reason ?? lookup.RefusalCode);
        }

        return (new PublicKeyInfo(lookup.KeyId!, "Ed25519", lookup.Pub!), lookup.InstitutionKind);
    }

    private async Task<Receipt> AppendAsync(Entry entry)
    {
        var hash = entry.Hash();
        var row = new StoredEntry(entry.Chain, entry.Seq, hash, entry.Prev, entry.Submission.Author,
            entry.Submission.Nonce, entry.Submission.Type, entry.RecordedAt, entry.CanonicalText());
        AppendOutcome outcome;
        try
        {
            outcome = await (writer is null ? store.AppendAsync(row) : writer.AppendAsync(row));
        }
        catch (ChainConflictException)
        {
            // Someone else wrote this seq: a racing activation, or a commit whose answer we lost.
            // Our view is stale; rebuild it and let the caller retry against the real head.
            stale = true;
            logger.LogWarning("Chain {Chain} seq {Seq} was taken by another writer; reloading", entry.Chain, entry.Seq);
            throw new LedgerException(ErrorCodes.ChainConflict,
                $"Chain '{entry.Chain}' moved on while this submission was being written; retry it.");
        }
        catch
        {
            // The write may or may not have committed: never guess, re-read before the next write.
            stale = true;
            throw;
        }

        switch (outcome)
        {
            case AppendOutcome.Appended appended:
                Fold(entry, hash);
                Announce(appended.Entry);
                return new Receipt(entry.Chain, entry.Seq, hash, entry.RecordedAt, Duplicate: false);
            case AppendOutcome.DuplicateNonce duplicate:
                return ReceiptForDuplicate(entry, duplicate.Existing);
            default:
                stale = true;
                throw new LedgerException(ErrorCodes.ChainConflict,
                    $"Chain '{entry.Chain}' moved on while this submission was being written; retry it.");
        }
    }

    /// <summary>The same (author, nonce) was already recorded: same submission, same receipt; anything else is a replay.</summary>
    private async Task<Receipt> ReceiptForResubmissionAsync(Submission submission, string sig, long earlierSeq)
    {
        var earlier = await store.GetAsync(ChainKey, earlierSeq)
            ?? throw new InvalidOperationException($"Entry {ChainKey}#{earlierSeq} vanished from the store.");
        var earlierEntry = Entry.Parse(earlier.CanonicalJson);
        if (earlierEntry.Sig == sig && earlierEntry.Submission.CanonicalBytes().AsSpan().SequenceEqual(submission.CanonicalBytes()))
        {
            return new Receipt(earlier.Chain, earlier.Seq, earlier.Hash, earlier.RecordedAt, Duplicate: true);
        }

        throw NonceReused(submission.Author, submission.Nonce, earlier.Chain, earlier.Seq);
    }

    private Receipt ReceiptForDuplicate(Entry attempted, StoredEntry existing)
    {
        var existingEntry = Entry.Parse(existing.CanonicalJson);
        if (existing.Chain == attempted.Chain && existingEntry.Sig == attempted.Sig
            && existingEntry.Submission.CanonicalBytes().AsSpan().SequenceEqual(attempted.Submission.CanonicalBytes()))
        {
            return new Receipt(existing.Chain, existing.Seq, existing.Hash, existing.RecordedAt, Duplicate: true);
        }

        throw NonceReused(attempted.Submission.Author, attempted.Submission.Nonce, existing.Chain, existing.Seq);
    }

    private static LedgerException NonceReused(string author, string nonce, string chain, long seq) =>
        new(ErrorCodes.NonceReused,
            $"Nonce '{nonce}' of '{author}' was already used for a different submission ({chain}#{seq}); use a fresh nonce.");

    /// <summary>recordedAt never goes backwards along a chain, whatever the clocks of the silos say.</summary>
    private DateTimeOffset NextRecordedAt()
    {
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        return now > lastRecordedAt ? now : lastRecordedAt;
    }

    private void Announce(StoredEntry committed)
    {
        foreach (var listener in listeners)
        {
            try
            {
                listener.OnCommitted(committed);
            }
            catch (Exception e)
            {
                // A feed's trouble must never fail a write that is already durable.
                logger.LogError(e, "Commit listener {Listener} failed for {Chain}#{Seq}", listener.GetType().Name, committed.Chain, committed.Seq);
            }
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Reset();
        nonces.Clear();
        length = 0;
        headHash = Hashes.ZeroHash;
        lastRecordedAt = DateTimeOffset.MinValue;
        while (true)
        {
            var page = await store.ReadChainAsync(ChainKey, length, PageSize, ct);
            foreach (var row in page)
            {
                Fold(Entry.Parse(row.CanonicalJson), row.Hash);
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        stale = false;
    }

    private void Fold(Entry entry, string hash)
    {
        nonces[(entry.Submission.Author, entry.Submission.Nonce)] = entry.Seq;
        length = entry.Seq + 1;
        headHash = hash;
        lastRecordedAt = LedgerTime.Parse(entry.RecordedAt);
        Apply(entry);
    }
}
