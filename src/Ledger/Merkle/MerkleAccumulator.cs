namespace Ddl.Ledger;

/// <summary>
/// Appends leaf hashes one at a time and keeps only the frontier (one perfect subtree per set
/// bit of <see cref="Size"/>), so the notary can compute roots in O(log n) memory and persist
/// each perfect subtree as it completes, ready for <see cref="IMerkleNodeSource"/>.
/// </summary>
public sealed class MerkleAccumulator
{
    // Hashes of the frontier's perfect subtrees, largest (leftmost) first.
    private readonly List<byte[]> _frontier = [];

    public MerkleAccumulator()
    {
    }

    /// <summary>Resumes a log of <paramref name="size"/> leaves from its stored subtrees (popcount(size) reads).</summary>
    public static MerkleAccumulator Resume(IMerkleNodeSource source, long size)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var accumulator = new MerkleAccumulator();
        long offset = 0;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) != 0)
            {
                accumulator._frontier.Add(source.PerfectSubtree(level, offset >> level));
                offset += width;
            }
        }
        accumulator.Size = size;
        return accumulator;
    }

    /// <summary>Number of leaves appended.</summary>
    public long Size { get; private set; }

    /// <summary>The frontier's subtree hashes, largest first; their right fold is the root.</summary>
    public IReadOnlyList<byte[]> Frontier => _frontier;

    /// <summary>
    /// Appends a leaf hash and returns every perfect subtree it completes, smallest first: the
    /// leaf itself (level 0), then each parent whose subtree is now full.
    /// </summary>
    public IReadOnlyList<MerkleNode> Append(byte[] leafHash)
    {
        var completed = new List<MerkleNode>(2);
        Push(leafHash, completed);
        return completed;
    }

    /// <summary>Appends without reporting completed subtrees.</summary>
    public void Push(byte[] leafHash) => Push(leafHash, null);

    /// <summary>MTH of everything appended so far.</summary>
    public byte[] Root()
    {
        if (_frontier.Count == 0)
        {
            return Merkle.EmptyRoot();
        }
        var hash = _frontier[^1];
        for (var i = _frontier.Count - 2; i >= 0; i--)
        {
            hash = Merkle.NodeHash(_frontier[i], hash);
        }
        return hash;
    }

    private void Push(byte[] leafHash, List<MerkleNode>? completed)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != 32)
        {
            throw new ArgumentException("a leaf hash is 32 bytes", nameof(leafHash));
        }
        var hash = leafHash;
        var index = Size;
        var level = 0;
        completed?.Add(new MerkleNode(0, index, hash));
        // Each trailing 1-bit of the old size is a perfect subtree of the same height waiting
        // for a right sibling: merge until the bit is 0.
        while (((Size >> level) & 1) == 1)
        {
            hash = Merkle.NodeHash(_frontier[^1], hash);
            _frontier.RemoveAt(_frontier.Count - 1);
            level++;
            index >>= 1;
            completed?.Add(new MerkleNode(level, index, hash));
        }
        _frontier.Add(hash);
        Size++;
    }
}
