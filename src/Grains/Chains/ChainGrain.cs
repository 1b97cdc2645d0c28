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
/// <para>
/// Kinds that opt in with <c>[MayInterleave(...)]</c> (see <see cref="IsChainRequest"/>) pipeline
/// their submissions: entry n + 1 is checked against the state entry n leaves and handed to the
/// writer while n's commit is still in flight, so consecutive entries of a busy chain share a
/// commit. Acknowledgements still go out strictly in chain order, each only after its own commit;
/// if an entry is not written, no later entry of the chain is written either (the writer and the
/// store refuse them) and the grain rebuilds its state from the store before the next write.
/// </para>
/// </summary>
public abstract partial class ChainGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger logger)
    : Grain, IChainGrain
{
    private IReadOnlyList<ICommitListener> listeners = [];
    private EntryWriter? writer;
    private KeyLeases? leases;

    // Serialises everything that reads or moves the head. A submission holds it only until its
    // entry is handed to the writer, not until the entry commits: that is the pipelining.
    private readonly SemaphoreSlim gate = new(1, 1);

    // The newest entry handed to the store and not yet settled; each in-flight entry knows the one before it.
    private InFlight? tail;

    // Bumped on every rebuild, so a failure of an entry written on top of an older view does not
    // send a freshly rebuilt grain to the store again.
    private int epoch;

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
        leases = ServiceProvider.GetService<KeyLeases>();
        await LoadAsync(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>The settled head: waits for the entries in flight, and re-reads the chain after a failed one.</summary>
    public Task<(long Length, string HeadHash)> GetHeadAsync() => ExclusiveAsync(() => Task.FromResult((length, headHash)));

    /// <summary>
    /// The [MayInterleave] predicate of pipelining kinds: every request of the chain's own
    /// interfaces interleaves, and the gate orders them (<see cref="SubmitAsync"/>,
    /// <see cref="ExclusiveAsync{T}"/>). Reads take the gate too and wait for the entries in flight,
    /// so they report settled state only. When only submissions were marked, Orleans still ran a
    /// read beside submissions in flight, and the read counted entries that were not committed and
    /// might never be (BusyChainReadTests). Every public method of a pipelining kind therefore
    /// takes the gate.
    /// </summary>
    public static bool IsChainRequest(Orleans.Serialization.Invocation.IInvokable request) =>
        typeof(IChainGrain).IsAssignableFrom(request.GetInterfaceType());

    public async Task RunScheduledAsync(string kind)
    {
        await ExclusiveAsync(async () =>
        {
            await RunScheduledWorkAsync(kind);
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the chain to itself: no submission is in flight and none
    /// starts until it is done. Ledger-authored entries (<see cref="AppendLedgerEntryAsync"/>) are
    /// written only from inside.
    /// </summary>
    protected async Task<T> ExclusiveAsync<T>(Func<Task<T>> work)
    {
        await gate.WaitAsync();
        try
        {
            await DrainAsync();
            await EnsureCurrentAsync();
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The chain kind's scheduled work; the default knows none and says so.</summary>
    protected virtual Task RunScheduledWorkAsync(string kind)
    {
        logger.LogWarning("Chain {Chain} has no scheduled work called {Kind}", ChainKey, kind);
        return Task.CompletedTask;
    }

    public async Task<Receipt> SubmitAsync(SignedSubmission signed)
    {
        // Parsing and the signature check are the costliest steps and need no chain state. On a
        // chain with work in flight they run on the thread pool, so the grain's thread only does
        // what must be serial and the chain's next submissions are checked on other cores
        // meanwhile. On an idle chain there is nothing to overlap them with, and the hop to the
        // pool and back onto the grain's scheduler only costs CPU.
        var (submission, ahead) = tail is null && gate.CurrentCount > 0
            ? ParseAndVerifyAhead(signed)
            : await Task.Run(() => ParseAndVerifyAhead(signed));
        if (submission.Chain != ChainKey)
        {
            throw new LedgerException(ErrorCodes.WrongChain,
                $"The submission is for chain '{submission.Chain}' but was sent to '{ChainKey}'; a signature for one chain cannot be replayed on another.");
        }

        Receipt? again = null;
        InFlight? flight = null;
        await gate.WaitAsync();
        try
        {
            await EnsureCurrentAsync();
            while (again is null && nonces.TryGetValue((submission.Author, submission.Nonce), out var earlierSeq))
            {
                if (tail is null)
                {
                    again = await ReceiptForResubmissionAsync(submission, signed.Sig, earlierSeq);
                }
                else
                {
                    // The earlier entry may still be in flight: answer only from what the store settled.
                    await DrainAsync();
                    await EnsureCurrentAsync();
                }
            }

            if (again is null)
            {
                flight = await CheckAndEnqueueAsync(submission, signed.Sig, ahead);
            }
        }
        finally
        {
            gate.Release();
        }

        var receipt = again ?? await SettleAsync(flight!);
        if (flight is not null && !receipt.Duplicate)
        {
            await AfterAppendAsync(flight.Entry, receipt);
        }

        await BeforeAcknowledgingAsync(submission);
        return receipt;
    }

    /// <summary>Every check of a new submission, then its hand-over to the store. Called with the gate held.</summary>
    private async Task<InFlight> CheckAndEnqueueAsync(Submission submission, string sig, VerifiedAhead? ahead)
    {
        var recordedAt = RecordedAtFor(submission, NextRecordedAt());
        if (LedgerTime.Parse(submission.At) > recordedAt + AllowedClockSkew)
        {
            throw new LedgerException(ErrorCodes.InvalidTime,
                $"The submission claims a time ({submission.At}) more than {AllowedClockSkew.TotalMinutes:0} minutes ahead of the ledger's clock.");
        }

        var (key, authorKind) = await ResolveKeyAsync(submission.Author, submission.Key, recordedAt);
        // The answer checked ahead counts only if it was for the very key that holds at recordedAt.
        var valid = ahead is not null && ahead.Key == key ? ahead.Valid : submission.Verify(key, sig);
        if (!valid)
        {
            throw new LedgerException(ErrorCodes.BadSignature,
                $"The signature does not verify with key '{key.Id}' of '{submission.Author}'.");
        }

        await ValidateAsync(submission, new SubmissionContext(recordedAt, authorKind));
        await BeforeAppendAsync(submission);
        return Enqueue(Entry.Create(submission, sig, length, headHash, recordedAt));
    }

    /// <summary>
    /// Parses the submission and, when this silo already knows the author's key without asking
    /// anyone (a root key, or a key lease), checks the signature with it. Off the grain's thread:
    /// reads nothing of the grain's state.
    /// </summary>
    private (Submission Submission, VerifiedAhead? Ahead) ParseAndVerifyAhead(SignedSubmission signed)
    {
        var submission = Submission.Parse(signed.Submission);
        PublicKeyInfo? key = null;
        if (!Authors.IsInstitution(submission.Author))
        {
            try
            {
                key = trust.ResolveRootKey(submission.Author, submission.Key);
            }
            catch (LedgerException)
            {
                // Refused again, in order, where the grain resolves the key.
            }
        }
        else
        {
            // Ledger times have whole milliseconds; Format drops the rest.
            if (leases is not null && leases.TryGet(submission.Author, submission.Key, LedgerTime.Format(clock.GetUtcNow()), out var leased, out _))
            {
                key = leased;
            }
        }

        return (submission, key is null ? null : new VerifiedAhead(key, submission.Verify(key, signed.Sig)));
    }

    /// <summary>A signature checked before the grain resolved the key: valid or not, with that key.</summary>
    private sealed record VerifiedAhead(PublicKeyInfo Key, bool Valid);

    /// <summary>
    /// Writes an entry the ledger itself authors (links between chains, expiries), signed with the
    /// published system key. Idempotent on the nonce, so a retried cross-actor effect lands once.
    /// Only from inside <see cref="ExclusiveAsync{T}"/>.
    /// </summary>
    protected async Task<Receipt> AppendLedgerEntryAsync(string type, string nonce, System.Text.Json.Nodes.JsonObject body)
    {
        // Nothing is in flight inside ExclusiveAsync; an earlier append of the same work may have failed.
        await EnsureCurrentAsync();
        if (nonces.TryGetValue((Authors.Ledger, nonce), out var earlierSeq))
        {
            var earlier = await store.GetAsync(ChainKey, earlierSeq)
                ?? throw new InvalidOperationException($"Entry {ChainKey}#{earlierSeq} vanished from the store.");
            return new Receipt(earlier.Chain, earlier.Seq, earlier.Hash, earlier.RecordedAt, Duplicate: true);
        }

        var recordedAt = NextRecordedAt();
        var submission = Submission.Create(type, ChainKey, Authors.Ledger, trust.SystemKey.Public.Id, recordedAt, nonce, body);
        var entry = Entry.Create(submission, submission.Sign(trust.SystemKey), length, headHash, recordedAt);
        return await SettleAsync(Enqueue(entry));
    }

    /// <summary>The rules of this chain's kind, checked before anything is written. Throw a <see cref="LedgerException"/> to refuse.</summary>
    protected abstract Task ValidateAsync(Submission submission, SubmissionContext context);

    /// <summary>
    /// Runs once a submission passed every check, before it is written: the place to record
    /// durable intent for follow-up work (so that a crash right after the write still gets it done).
    /// </summary>
    protected virtual Task BeforeAppendAsync(Submission submission) => Task.CompletedTask;

    /// <summary>The time the ledger records a submission at; kinds may only move it later than the chain's clock.</summary>
    protected virtual DateTimeOffset RecordedAtFor(Submission submission, DateTimeOffset next) => next;

    /// <summary>Runs last before a receipt goes back, for new entries and replays alike.</summary>
    protected virtual Task BeforeAcknowledgingAsync(Submission submission) => Task.CompletedTask;

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

        var at = LedgerTime.Format(recordedAt);
        if (leases is not null && leases.TryGet(author, keyId, at, out var leased, out var leasedKind))
        {
            return (leased, leasedKind);
        }

        var askedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var lookup = await GrainFactory.GetGrain<IInstitutionGrain>(author).LookupKeyAsync(keyId, at);
        leases?.Keep(author, keyId, at, lookup, askedAt);
        if (lookup.RefusalCode is not null)
        {
            throw new LedgerException(lookup.RefusalCode, lookup.Reason ?? lookup.RefusalCode);
        }

        return (lookup.ToPublicKey(), lookup.InstitutionKind);
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
        epoch++;
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
