namespace Ddl.Store;

/// <summary>
/// The append-only store of hash-chain entries: one interface, two engines (SQLite embedded,
/// PostgreSQL in a cluster). Entries are never updated or deleted. The unique keys
/// (chain, seq) and (author, nonce) are what make a lost race fail loudly and a resubmission
/// idempotent; the store enforces both with constraints, never by reading first.
/// </summary>
public interface IEntryStore : IAsyncDisposable
{
    /// <summary><c>"sqlite"</c> or <c>"postgres"</c>.</summary>
    string Engine { get; }

    /// <summary>
    /// Applies the schema migrations that are missing. Idempotent, and safe to run at the same
    /// time from several processes (PostgreSQL: an advisory lock; SQLite: a write transaction).
    /// </summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>
    /// Writes one entry in its own commit; when the task completes the entry is durable.
    /// Returns <see cref="AppendOutcome.DuplicateNonce"/> (and writes nothing) when the author
    /// already used the nonce; that check wins over the seq check, so a retried append is
    /// idempotent. <see cref="StoredEntry.Position"/> of the input is ignored.
    /// </summary>
    /// <exception cref="ChainConflictException">(chain, seq) is already taken.</exception>
    /// <exception cref="ArgumentException">A field is malformed (e.g. a hash that is not 64 lowercase hex).</exception>
    Task<AppendOutcome> AppendAsync(StoredEntry entry, CancellationToken ct = default);

    /// <summary>
    /// Writes many entries (of any chains) in one commit, in one round trip where the engine
    /// allows. Returns one outcome per input, in input order: <see cref="AppendOutcome.Appended"/>,
    /// <see cref="AppendOutcome.DuplicateNonce"/> or <see cref="AppendOutcome.Conflict"/>; a
    /// conflict on one entry does not stop the others. Within one batch, of two entries with the
    /// same (chain, seq) the first is written and the second is a conflict; of two with the same
    /// (author, nonce) one is written and the other is reported as its duplicate. Of two entries
    /// of one chain that follow each other in the batch (seq n and n + 1), n + 1 is written only if
    /// n is; otherwise it is a conflict, so a chain never gets a gap.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is malformed; nothing is written.</exception>
    Task<IReadOnlyList<AppendOutcome>> AppendBatchAsync(IReadOnlyList<StoredEntry> entries, CancellationToken ct = default);

    /// <summary>The entry at (chain, seq), or null.</summary>
    Task<StoredEntry?> GetAsync(string chain, long seq, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> entries of a chain from <paramref name="fromSeq"/> on, ascending seq.</summary>
    Task<IReadOnlyList<StoredEntry>> ReadChainAsync(string chain, long fromSeq, int limit, CancellationToken ct = default);

    /// <summary>The chain's last entry, or null when the chain has none.</summary>
    Task<ChainHead?> GetHeadAsync(string chain, CancellationToken ct = default);

    /// <summary>The entry the author wrote with this nonce, or null.</summary>
    Task<StoredEntry?> FindByNonceAsync(string author, string nonce, CancellationToken ct = default);

    /// <summary>
    /// Distinct chain ids in ordinal order, only those starting with
    /// <paramref name="kindPrefix"/> (e.g. <c>"institution:"</c>) when it is given. Streams in
    /// pages, so it holds no connection between items.
    /// </summary>
    IAsyncEnumerable<string> ListChainsAsync(string? kindPrefix, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="limit"/> entries with a position above
    /// <paramref name="afterPosition"/>, ascending position.
    /// <para>
    /// Positions grow with insert order but are not gap-free (a rejected insert may use one up).
    /// On SQLite writes are serialized, so position order is commit order. On PostgreSQL a
    /// position is drawn when the row is inserted, not when it commits: a transaction that took
    /// position 11 can commit after one that took 12, so a reader that has seen 12 may later find
    /// 11 appear. A consumer that needs every entry exactly once (the notary) must allow for that,
    /// e.g. by reading a little behind the newest position or re-reading a recent window.
    /// </para>
    /// </summary>
    Task<IReadOnlyList<StoredEntry>> ReadSinceAsync(long afterPosition, int limit, CancellationToken ct = default);
}
