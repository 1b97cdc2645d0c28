using static Ddl.Ledger.Tests.Merkle.HandBuiltTree;

namespace Ddl.Ledger.Tests.Merkle;

public class NodeSourceTests
{
    /// <summary>Perfect subtrees computed from the leaves with the RFC recursion; counts reads.</summary>
    private sealed class CountingSource(IReadOnlyList<byte[]> leaves) : IMerkleNodeSource
    {
        public int Reads { get; set; }

        public byte[] PerfectSubtree(int level, long index)
        {
            Reads++;
            var width = 1 << level;
            var start = checked((int)(index * width));
            Assert.True(start + width <= leaves.Count, $"read beyond the leaves: level {level} index {index}");
            return Mth(leaves.Skip(start).Take(width).ToList());
        }
    }

    private static List<byte[]> RandomLeaves(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            return Leaf(data);
        }).ToList();
    }

    private static int Log2Ceiling(long n) => n <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1));

    [Fact]
    public void node_source_proofs_equal_list_proofs_for_every_size_up_to_70()
    {
        var leaves = RandomLeaves(70, seed: 9162);
        var source = new CountingSource(leaves);
        for (var size = 1; size <= 70; size++)
        {
            Assert.Equal(Ledger.Merkle.RootHash(leaves.Take(size).ToList()), Ledger.Merkle.RootHash(source, size));
            for (var index = 0; index < size; index++)
            {
                Assert.Equal(Ledger.Merkle.InclusionProof(leaves, index, size), Ledger.Merkle.InclusionProof(source, index, size));
            }
            for (var oldSize = 0; oldSize <= size; oldSize++)
            {
                Assert.Equal(Ledger.Merkle.ConsistencyProof(leaves, oldSize, size), Ledger.Merkle.ConsistencyProof(source, oldSize, size));
            }
        }
    }

    [Fact]
    public void list_proofs_match_the_rfc_recursion_for_random_trees_up_to_70()
    {
        var leaves = RandomLeaves(70, seed: 6962);
        for (var size = 1; size <= 70; size += 3)
        {
            var tree = leaves.Take(size).ToList();
            var root = Mth(tree);
            Assert.Equal(root, Ledger.Merkle.RootHash(tree));
            for (var index = 0; index < size; index++)
            {
                var proof = Ledger.Merkle.InclusionProof(leaves, index, size);
                Assert.Equal(Path(index, tree), proof);
                Assert.True(Ledger.Merkle.VerifyInclusion(index, size, leaves[index], proof, root));
            }
            for (var oldSize = 1; oldSize < size; oldSize++)
            {
                var proof = Ledger.Merkle.ConsistencyProof(leaves, oldSize, size);
                Assert.Equal(Proof(oldSize, tree), proof);
                Assert.True(Ledger.Merkle.VerifyConsistency(oldSize, size, Mth(leaves.Take(oldSize).ToList()), root, proof));
            }
        }
    }

    [Fact]
    public void node_source_proofs_read_only_logarithmically_many_subtrees()
    {
        var leaves = RandomLeaves(70, seed: 1);
        var source = new CountingSource(leaves);
        for (var size = 1; size <= 70; size++)
        {
            var bound = 2 * Log2Ceiling(size) + 1;
            source.Reads = 0;
            Ledger.Merkle.RootHash(source, size);
            Assert.True(source.Reads <= bound, $"root of {size}: {source.Reads} reads");
            for (var index = 0; index < size; index++)
            {
                source.Reads = 0;
                Ledger.Merkle.InclusionProof(source, index, size);
                Assert.True(source.Reads <= bound, $"inclusion {index}/{size}: {source.Reads} reads");
            }
            for (var oldSize = 1; oldSize < size; oldSize++)
            {
                source.Reads = 0;
                Ledger.Merkle.ConsistencyProof(source, oldSize, size);
                Assert.True(source.Reads <= bound + 1, $"consistency {oldSize}->{size}: {source.Reads} reads");
            }
        }
    }
}
