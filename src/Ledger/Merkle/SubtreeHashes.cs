namespace Ddl.Ledger;

/// <summary>
/// MTH over a range of leaves that the RFC 9162 recursion produces: a range that starts on a
/// multiple of the largest power of two not above its length. Proof generation is written once
/// against this, for in-memory leaf lists and for stored perfect subtrees alike.
/// </summary>
internal abstract class SubtreeHashes
{
    public abstract byte[] Range(long start, long count);

    /// <summary>Over an in-memory list of leaf hashes: recomputes inner nodes.</summary>
    public sealed class FromLeaves(IReadOnlyList<byte[]> leaves) : SubtreeHashes
    {
        public override byte[] Range(long start, long count)
        {
            if (count == 1)
            {
                return leaves[checked((int)start)];
            }
            var k = Merkle.LargestPowerOfTwoBelow(count);
            return Merkle.NodeHash(Range(start, k), Range(start + k, count - k));
        }
    }

    /// <summary>
    /// Over stored perfect subtrees: a perfect range is one read; any other range is the right
    /// fold of its binary decomposition (2^a + 2^b + ..., largest first), one read per set bit.
    /// </summary>
    public sealed class FromSource(IMerkleNodeSource source) : SubtreeHashes
    {
        public override byte[] Range(long start, long count)
        {
            if (long.IsPow2(count))
            {
                var level = System.Numerics.BitOperations.Log2((ulong)count);
                return source.PerfectSubtree(level, start >> level);
            }
            var pieces = new List<byte[]>(64);
            var offset = start;
            for (var level = 62; level >= 0; level--)
            {
                var size = 1L << level;
                if ((count & size) != 0)
                {
                    pieces.Add(source.PerfectSubtree(level, offset >> level));
                    offset += size;
                }
            }
            var hash = pieces[^1];
            for (var i = pieces.Count - 2; i >= 0; i--)
            {
                hash = Merkle.NodeHash(pieces[i], hash);
            }
            return hash;
        }
    }
}
