namespace Ddl.Store;

/// <summary>
/// One hash-chain entry as the store keeps it (PROTOCOL.md section 4). The store never parses
/// <see cref="CanonicalJson"/>: the protocol core computed <see cref="Hash"/> from it, and the
/// other columns are copies of its fields so the store can index them.
/// </summary>
/// <param name="Chain">Chain id, <c>kind:local</c>.</param>
/// <param name="Seq">Position in the chain: 0, 1, 2, ... without gaps.</param>
/// <param name="Hash">SHA-256 of the entry, 64 lowercase hex characters.</param>
/// <param name="Prev">Hash of the entry at <c>Seq - 1</c>, or 64 zeros for seq 0.</param>
/// <param name="Author">The submission's author.</param>
/// <param name="Nonce">The submission's nonce, unique per author.</param>
/// <param name="Type">The event type, e.g. <c>prescription.issued</c>.</param>
/// <param name="RecordedAt">The RFC 3339 time the ledger accepted it, kept as the exact text.</param>
/// <param name="CanonicalJson">The entry's JCS bytes as text: what the hash covers.</param>
/// <param name="Position">
/// Global order assigned by the store on insert; 0 before that, and ignored on input.
/// Strictly increasing in insert order, but not gap-free, and on PostgreSQL not exactly commit
/// order (see <see cref="IEntryStore.ReadSinceAsync"/>).
/// </param>
public sealed record StoredEntry(
    string Chain,
    long Seq,
    string Hash,
    string Prev,
    string Author,
    string Nonce,
    string Type,
    string RecordedAt,
    string CanonicalJson,
    long Position = 0);

/// <summary>The last entry of a chain: what the next append must build on.</summary>
/// <param name="Seq">Seq of the last entry; the next append uses <c>Seq + 1</c>.</param>
/// <param name="Hash">Hash of the last entry; the next entry's <c>prev</c>.</param>
public sealed record ChainHead(long Seq, string Hash);
