namespace Ddl.Ledger;

/// <summary>
/// Stored hashes of aligned perfect subtrees, so proofs can be served with O(log n) reads
/// instead of rehashing the log. <see cref="MerkleAccumulator"/> reports every such subtree as
/// it completes, which is exactly what a store needs to keep.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>
    /// Hash of the complete subtree of 2^<paramref name="level"/> leaves starting at leaf
    /// <c>index * 2^level</c> (level 0: the leaf hash itself).
    /// </summary>
    byte[] PerfectSubtree(int level, long index);
}
