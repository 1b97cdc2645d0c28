namespace Ddl.Store.Notary;

/// <summary>
/// The notary's global Merkle log (PROTOCOL.md section 5) on the entry store's database: the
/// outbox of entries committed but not sealed yet, the leaves (each sealed entry's leaf index and
/// leaf hash), the hash of every perfect subtree of 16 leaves or more (smaller ones are rehashed
/// from their leaves), and the signed checkpoints. Get one with <see cref="NotaryStores.For"/>.
/// </summary>
public interface INotaryStore
{
    /// <summary>
    /// Seals in one transaction up to <paramref name="maxLeaves"/> of the entries committed and not
    /// sealed yet, taking the longest-waiting first and appending them to the log ordered by chain
    /// id (ordinal) then seq: leaf indexes, new subtree hashes, the outbox rows removed, and the
    /// checkpoint that <paramref name="signer"/> signs. All of it commits or none of it does, and
    /// seals from several processes run one after another, so an entry is never skipped nor sealed
    /// twice and checkpoint sizes never shrink.
    /// </summary>
    /// <returns>What was sealed, or null when nothing was waiting (no checkpoint is written then).</returns>
    /// <exception cref="InvalidOperationException">The signer signed something other than the draft.</exception>
    Task<SealResult?> SealAsync(CheckpointSigner signer, int maxLeaves, CancellationToken ct = default);

    /// <summary>The newest checkpoint, or null before the first seal.</summary>
    Task<SignedCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default);

    /// <summary>The checkpoint numbered <paramref name="number"/>, or null when there is none.</summary>
    Task<SignedCheckpoint?> GetCheckpointAsync(long number, CancellationToken ct = default);

    /// <summary>The leaf index of entry (chain, seq), or null when it is not sealed (or does not exist).</summary>
    Task<long?> LeafIndexAsync(string chain, long seq, CancellationToken ct = default);

    /// <summary>
    /// The RFC 9162 audit path of leaf <paramref name="leafIndex"/> in the tree of the first
    /// <paramref name="treeSize"/> leaves, read from O(log n) stored subtree hashes in one round trip.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The leaf is not in that tree, or the tree is larger than the log.</exception>
    Task<IReadOnlyList<byte[]>> InclusionProofAsync(long leafIndex, long treeSize, CancellationToken ct = default);

    /// <summary>The RFC 9162 consistency proof from the tree of <paramref name="oldSize"/> leaves to that of <paramref name="newSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are out of order, or larger than the log.</exception>
    Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken ct = default);

    /// <summary>How many committed entries wait for a seal.</summary>
    Task<long> UnsealedCountAsync(CancellationToken ct = default);
}
