namespace Ddl.Ledger;

/// <summary>
/// A completed perfect subtree: 2^<see cref="Level"/> leaves starting at leaf
/// <c>Index * 2^Level</c>, and its hash. What <see cref="IMerkleNodeSource.PerfectSubtree"/> returns.
/// </summary>
public readonly record struct MerkleNode(int Level, long Index, byte[] Hash);
