using Ddl.Ledger;

namespace Ddl.Store.Notary;

/// <summary>
/// The pure part of a seal, the same for both engines: the new leaves in protocol order with their
/// hashes, the larger perfect subtrees they complete, and the new root, computed from the stored
/// frontier of the log.
/// </summary>
internal sealed class SealPlan
{
    private SealPlan(long oldSize, List<UnsealedEntry> leaves, byte[][] leafHashes, List<MerkleNode> nodes, byte[] root)
    {
        OldSize = oldSize;
        Leaves = leaves;
        LeafHashes = leafHashes;
        Nodes = nodes;
        Root = root;
    }

    /// <summary>Leaves in the log before the seal: the first new leaf gets this index.</summary>
    public long OldSize { get; }

    /// <summary>The sealed entries in log order; entry i gets leaf index <c>OldSize + i</c>.</summary>
    public List<UnsealedEntry> Leaves { get; }

    /// <summary>Leaf hash i belongs to entry i of <see cref="Leaves"/>.</summary>
    public byte[][] LeafHashes { get; }

    /// <summary>Every perfect subtree of two leaves or more that the new leaves complete.</summary>
    public List<MerkleNode> Nodes { get; }

    /// <summary>The tree hash of the log after the seal.</summary>
    public byte[] Root { get; }

    public long NewSize => OldSize + Leaves.Count;

    /// <summary>Sorts entries into log order (PROTOCOL.md 5): chain id by ordinal string order, then seq.</summary>
    public static void Order(List<UnsealedEntry> entries) =>
        entries.Sort(static (a, b) =>
        {
            var byChain = string.CompareOrdinal(a.Chain, b.Chain);
            return byChain != 0 ? byChain : a.Seq.CompareTo(b.Seq);
        });

    /// <summary>
    /// The leaf hash of each entry (in order), <c>SHA-256(0x00 || JCS({chain, hash, seq}))</c>.
    /// Independent per entry and most of a seal's CPU work: every core takes a share.
    /// </summary>
    /// <exception cref="LedgerException">An entry's chain id or hash cannot form leaf data.</exception>
    public static byte[][] HashLeaves(List<UnsealedEntry> ordered)
    {
        var hashes = new byte[ordered.Count][];
        Parallel.For(0, ordered.Count, i =>
        {
            var e = ordered[i];
            hashes[i] = Merkle.LeafHash(Merkle.LeafData(e.Chain, e.Hash, e.Seq));
        });
        return hashes;
    }

    /// <summary>Appends the hashed leaves to the log resumed from <paramref name="frontier"/>.</summary>
    public static SealPlan Build(long oldSize, IMerkleNodeSource frontier, List<UnsealedEntry> ordered, byte[][] leafHashes)
    {
        var log = MerkleAccumulator.Resume(frontier, oldSize);
        var nodes = new List<MerkleNode>(ordered.Count);
        foreach (var leaf in leafHashes)
        {
            foreach (var node in log.Append(leaf))
            {
                // Level 0 is the leaf itself, stored with the leaf.
                if (node.Level > 0)
                {
                    nodes.Add(node);
                }
            }
        }

        return new SealPlan(oldSize, ordered, leafHashes, nodes, log.Root());
    }
}
