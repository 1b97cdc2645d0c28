using Ddl.Ledger;

namespace Ddl.Store.Notary;

/// <summary>
/// What both engines share: proofs are planned with <see cref="NodePlan"/>, their nodes read in
/// one round trip by the engine, and computed by the protocol core's own algorithms.
/// </summary>
public abstract class NotaryStoreBase : INotaryStore
{
    /// <inheritdoc />
    public abstract Task<SealResult?> SealAsync(CheckpointSigner signer, int maxLeaves, CancellationToken ct = default);

    /// <inheritdoc />
    public abstract Task<SignedCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default);

    /// <inheritdoc />
    public abstract Task<SignedCheckpoint?> GetCheckpointAsync(long number, CancellationToken ct = default);

    /// <inheritdoc />
    public abstract Task<long?> LeafIndexAsync(string chain, long seq, CancellationToken ct = default);

    /// <inheritdoc />
    public abstract Task<long> UnsealedCountAsync(CancellationToken ct = default);

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> InclusionProofAsync(long leafIndex, long treeSize, CancellationToken ct = default)
    {
        if (treeSize < 1 || leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), $"leaf {leafIndex} is not in a tree of {treeSize} leaves");
        }
        var nodes = await ReadPlannedAsync(NodePlan.Inclusion(leafIndex, treeSize), treeSize, ct);
        return Merkle.InclusionProof(nodes, leafIndex, treeSize);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken ct = default)
    {
        if (oldSize < 0 || newSize < oldSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"no consistency proof from size {oldSize} to size {newSize}");
        }
        var nodes = await ReadPlannedAsync(NodePlan.Consistency(oldSize, newSize), newSize, ct);
        return Merkle.ConsistencyProof(nodes, oldSize, newSize);
    }

    /// <summary>Reads the stored subtrees at <paramref name="keys"/>; missing ones are simply absent.</summary>
    internal abstract Task<Dictionary<NodeKey, byte[]>> ReadNodesAsync(IReadOnlyCollection<NodeKey> keys, CancellationToken ct);

    private async Task<StoredNodes> ReadPlannedAsync(IReadOnlyCollection<NodeKey> keys, long treeSize, CancellationToken ct)
    {
        var nodes = keys.Count == 0 ? [] : await ReadNodesAsync(keys, ct);
        if (nodes.Count < keys.Count)
        {
            // Only now pay for a second read: the usual cause is a size the log has not reached.
            var logSize = (await LatestCheckpointAsync(ct))?.Checkpoint.Size ?? 0;
            if (treeSize > logSize)
            {
                throw new ArgumentOutOfRangeException(nameof(treeSize), $"the log has {logSize} leaves, not {treeSize}");
            }
        }
        return new StoredNodes(nodes);
    }
}
