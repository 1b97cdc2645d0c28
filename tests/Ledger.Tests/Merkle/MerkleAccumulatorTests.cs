using static Ddl.Ledger.Tests.Merkle.HandBuiltTree;

namespace Ddl.Ledger.Tests.Merkle;

public class MerkleAccumulatorTests
{
    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => Leaf(BitConverter.GetBytes(i * 7919))).ToList();

    [Fact]
    public void the_root_equals_root_hash_for_every_prefix()
    {
        var leaves = Leaves(70);
        var accumulator = new MerkleAccumulator();
        Assert.Equal(Mth([]), accumulator.Root());
        for (var i = 0; i < leaves.Count; i++)
        {
            accumulator.Append(leaves[i]);
            Assert.Equal(i + 1, accumulator.Size);
            var prefix = leaves.Take(i + 1).ToList();
            Assert.Equal(Ledger.Merkle.RootHash(prefix), accumulator.Root());
            Assert.Equal(Mth(prefix), accumulator.Root());
        }
    }

    [Fact]
    public void each_append_reports_exactly_the_perfect_subtrees_it_completes()
    {
        var leaves = Leaves(33);
        var accumulator = new MerkleAccumulator();
        var reported = new Dictionary<(int, long), byte[]>();
        for (var i = 0; i < leaves.Count; i++)
        {
            var completed = accumulator.Append(leaves[i]);
            // Leaf i completes a subtree at every level whose width divides i + 1.
            var expectedCount = System.Numerics.BitOperations.TrailingZeroCount(i + 1) + 1;
            Assert.Equal(expectedCount, completed.Count);
            for (var level = 0; level < completed.Count; level++)
            {
                var node = completed[level];
                var width = 1 << level;
                Assert.Equal(level, node.Level);
                Assert.Equal((i + 1) / width - 1, node.Index);
                Assert.Equal(Mth(leaves.Skip((int)node.Index * width).Take(width).ToList()), node.Hash);
                reported[(node.Level, node.Index)] = node.Hash;
            }
        }
        // Every aligned perfect subtree of the 33 leaves was reported once.
        Assert.Equal(33 + 16 + 8 + 4 + 2 + 1, reported.Count);
    }

    [Fact]
    public void resuming_from_stored_subtrees_continues_with_the_same_roots()
    {
        var leaves = Leaves(40);
        var stored = new Dictionary<(int, long), byte[]>();
        var original = new MerkleAccumulator();
        foreach (var leaf in leaves.Take(27))
        {
            foreach (var node in original.Append(leaf))
            {
                stored[(node.Level, node.Index)] = node.Hash;
            }
        }

        var resumed = MerkleAccumulator.Resume(new DictionarySource(stored), 27);
        Assert.Equal(27, resumed.Size);
        Assert.Equal(original.Root(), resumed.Root());
        foreach (var leaf in leaves.Skip(27))
        {
            original.Append(leaf);
            resumed.Append(leaf);
            Assert.Equal(original.Root(), resumed.Root());
        }
        Assert.Equal(Mth(leaves), resumed.Root());
    }

    private sealed class DictionarySource(Dictionary<(int, long), byte[]> nodes) : IMerkleNodeSource
    {
        public byte[] PerfectSubtree(int level, long index) => nodes[(level, index)];
    }
}
