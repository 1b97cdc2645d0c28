using Ddl.Ledger;

namespace Ddl.Store.Notary;

/// <summary>
/// The pure part of a seal, the same for both engines: the new leaves in protocol order with their
/// hashes, the stored perfect subtrees they complete, and the new root, computed from the stored
/// frontier of the log. Leaves are appended in ranges, so an engine can stream the first ones to
/// its database while the next are hashed.
/// </summary>
internal sealed class SealPlan
{
    private readonly MerkleAccumulator _log;

    public SealPlan(long oldSize, IMerkleNodeSource frontier, List<UnsealedEntry> ordered)
    {
        OldSize = oldSize;
        Leaves = ordered;
        LeafHashes = new byte[ordered.Count][];
        _log = MerkleAccumulator.Resume(frontier, oldSize);
    }

    /// <summary>Leaves in the log before the seal: the first new leaf gets this index.</summary>
    public long OldSize { get; }

    /// <summary>The sealed entries in log order; entry i gets leaf index <c>OldSize + i</c>.</summary>
    public List<UnsealedEntry> Leaves { get; }

    /// <summary>Leaf hash i belongs to entry i of <see cref="Leaves"/>; set by <see cref="Hash"/>.</summary>
    public byte[][] LeafHashes { get; }

    /// <summary>Every perfect subtree of <see cref="StoredNodes.LowestStoredLevel"/> or more levels that the new leaves complete.</summary>
    public List<MerkleNode> Nodes { get; } = [];

    public long NewSize => OldSize + Leaves.Count;

    /// <summary>The tree hash of the log once every leaf is appended.</summary>
    public byte[] Root() => _log.Root();

    /// <summary>Sorts entries into log order (PROTOCOL.md 5): chain id by ordinal string order, then seq.</summary>
    public static void Order(List<UnsealedEntry> entries) =>
        entries.Sort(static (a, b) =>
        {
            var byChain = string.CompareOrdinal(a.Chain, b.Chain);
            return byChain != 0 ? byChain : a.Seq.CompareTo(b.Seq);
        });

    /// <summary>Hashes leaves [<paramref name="start"/>, <paramref name="end"/>): <c>SHA-256(0x00 || JCS({chain, hash, seq}))</c>.</summary>
    /// <exception cref="LedgerException">An entry's chain id or hash cannot form leaf data.</exception>
    public void Hash(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var e = Leaves[i];
            LeafHashes[i] = Merkle.LeafHash(Merkle.LeafData(e.Chain, e.Hash, e.Seq));
        }
    }

    /// <summary>Appends hashed leaves [<paramref name="start"/>, <paramref name="end"/>) to the log; ranges must come in order.</summary>
    public void Append(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            foreach (var node in _log.Append(LeafHashes[i]))
            {
                // Level 0 is the leaf itself, stored with the leaf; levels 1-3 are rehashed from
                // leaves when a proof needs them (StoredNodes).
                if (node.Level >= StoredNodes.LowestStoredLevel)
                {
                    Nodes.Add(node);
                }
            }
        }
    }
}
