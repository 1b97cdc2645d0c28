namespace Ddl.Ledger;

/// <summary>Proof generation, RFC 9162 2.1.3.1 and 2.1.4.1, over leaf lists or stored subtrees.</summary>
public static partial class Merkle
{
    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves (RFC 9162 2.1.3.1).</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, leafHashes.Count);
        return InclusionProof(new SubtreeHashes.FromLeaves(leafHashes), index, size);
    }

    /// <inheritdoc cref="InclusionProof(IReadOnlyList{byte[]}, long, long)"/>
    public static IReadOnlyList<byte[]> InclusionProof(IMerkleNodeSource source, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(source);
        return InclusionProof(new SubtreeHashes.FromSource(source), index, size);
    }

    /// <summary>The consistency proof between the trees of the first <paramref name="oldSize"/> and <paramref name="newSize"/> leaves (RFC 9162 2.1.4.1).</summary>
    /// <remarks>Empty when oldSize is 0 or equals newSize: those need no proof.</remarks>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newSize, leafHashes.Count);
        return ConsistencyProof(new SubtreeHashes.FromLeaves(leafHashes), oldSize, newSize);
    }

    /// <inheritdoc cref="ConsistencyProof(IReadOnlyList{byte[]}, long, long)"/>
    public static IReadOnlyList<byte[]> ConsistencyProof(IMerkleNodeSource source, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ConsistencyProof(new SubtreeHashes.FromSource(source), oldSize, newSize);
    }

    private static IReadOnlyList<byte[]> InclusionProof(SubtreeHashes tree, long index, long size)
    {
        if (size < 1 || index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {size} leaves");
        }
        var path = new List<byte[]>();
        AddPath(tree, index, 0, size, path);
        return path;
    }

    // PATH(m, D[start:start+n]): the deepest sibling first, the root's child last.
    private static void AddPath(SubtreeHashes tree, long m, long start, long n, List<byte[]> path)
    {
        if (n == 1)
        {
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            AddPath(tree, m, start, k, path);
            path.Add(tree.Range(start + k, n - k));
        }
        else
        {
            AddPath(tree, m - k, start + k, n - k, path);
            path.Add(tree.Range(start, k));
        }
    }

    private static IReadOnlyList<byte[]> ConsistencyProof(SubtreeHashes tree, long oldSize, long newSize)
    {
        if (oldSize < 0 || newSize < oldSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"no consistency proof from size {oldSize} to size {newSize}");
        }
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize)
        {
            AddSubproof(tree, oldSize, 0, newSize, true, proof);
        }
        return proof;
    }

    // SUBPROOF(m, D[start:start+n], b) of RFC 9162 2.1.4.1.
    private static void AddSubproof(SubtreeHashes tree, long m, long start, long n, bool startsAtOldRoot, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!startsAtOldRoot)
            {
                proof.Add(tree.Range(start, n));
            }
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            AddSubproof(tree, m, start, k, startsAtOldRoot, proof);
            proof.Add(tree.Range(start + k, n - k));
        }
        else
        {
            AddSubproof(tree, m - k, start + k, n - k, false, proof);
            proof.Add(tree.Range(start, k));
        }
    }
}
