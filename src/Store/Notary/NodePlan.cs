using Ddl.Ledger;

namespace Ddl.Store.Notary;

/// <summary>
/// Which stored rows a proof or a frontier needs, found by running the protocol core's own
/// algorithm against a source that only takes note. The store then reads them all in one round
/// trip and runs the algorithm again on <see cref="StoredNodes"/>: proofs are computed by exactly
/// the code that verifiers trust, from O(log n) rows.
/// </summary>
/// <remarks>
/// Subtrees below <see cref="StoredNodes.LowestStoredLevel"/> are not stored: each is rehashed from
/// its leaves (at most 8), which always lie in one block of 16 consecutive leaves. A seal then
/// writes one subtree row per 16 leaves instead of one per leaf, and a proof reads at most a few
/// dozen rows more.
/// </remarks>
internal static class NodePlan
{
    public static IReadOnlyCollection<NodeKey> Inclusion(long leafIndex, long treeSize) =>
        Record(source => Merkle.InclusionProof(source, leafIndex, treeSize));

    public static IReadOnlyCollection<NodeKey> Consistency(long oldSize, long newSize) =>
        Record(source => Merkle.ConsistencyProof(source, oldSize, newSize));

    /// <summary>The perfect subtrees a log of <paramref name="size"/> leaves resumes from: one per set bit.</summary>
    public static IReadOnlyCollection<NodeKey> Frontier(long size) =>
        Record(source => MerkleAccumulator.Resume(source, size));

    private static IReadOnlyCollection<NodeKey> Record(Action<IMerkleNodeSource> run)
    {
        var recorder = new Recorder();
        run(recorder);
        return recorder.Keys;
    }

    private sealed class Recorder : IMerkleNodeSource
    {
        // The algorithms branch on sizes and indexes only, never on hash values: any 32 bytes do.
        private static readonly byte[] Placeholder = new byte[32];

        public HashSet<NodeKey> Keys { get; } = [];

        public byte[] PerfectSubtree(int level, long index)
        {
            if (level is > 0 and < StoredNodes.LowestStoredLevel)
            {
                // Not stored: its leaves are.
                var first = index << level;
                for (var leaf = first; leaf < first + (1L << level); leaf++)
                {
                    Keys.Add(new NodeKey(0, leaf));
                }
            }
            else
            {
                Keys.Add(new NodeKey(level, index));
            }
            return Placeholder;
        }
    }
}

/// <summary>A stored perfect subtree's address: 2^Level leaves from leaf <c>Index * 2^Level</c>.</summary>
internal readonly record struct NodeKey(int Level, long Index);

/// <summary>Subtree hashes read from the store for one proof; the small unstored ones are rehashed from their leaves.</summary>
internal sealed class StoredNodes(Dictionary<NodeKey, byte[]> nodes) : IMerkleNodeSource
{
    /// <summary>
    /// Subtrees of 2^4 = 16 leaves and more are stored; smaller ones are rehashed from their leaves
    /// (ddl_merkle_nodes holds levels 4 and up, ddl_leaves level 0).
    /// </summary>
    public const int LowestStoredLevel = 4;

    public byte[] PerfectSubtree(int level, long index)
    {
        if (level is > 0 and < LowestStoredLevel)
        {
            return Merkle.NodeHash(PerfectSubtree(level - 1, 2 * index), PerfectSubtree(level - 1, 2 * index + 1));
        }

        return nodes.TryGetValue(new NodeKey(level, index), out var hash)
            ? hash
            : throw new InvalidOperationException(
                $"The Merkle log has no stored subtree at level {level}, index {index}: the notary tables are incomplete.");
    }
}
