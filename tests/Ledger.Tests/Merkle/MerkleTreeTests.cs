using Ddl.Ledger.Tests.Support;
using static Ddl.Ledger.Tests.Merkle.HandBuiltTree;

namespace Ddl.Ledger.Tests.Merkle;

public class MerkleTreeTests
{
    private static readonly byte[][] CtLeaves = CtLeafData.Select(Leaf).ToArray();

    /// <summary>Published RFC 6962 / Certificate Transparency roots for the first 1..8 reference leaves.</summary>
    private static readonly string[] CtRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void the_empty_tree_hash_is_sha256_of_nothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex.Of(Ledger.Merkle.RootHash([])));
        Assert.Equal(Ledger.Merkle.EmptyRoot(), new MerkleAccumulator().Root());
    }

    [Fact]
    public void leaf_and_node_hashes_use_the_0x00_and_0x01_prefixes()
    {
        Assert.Equal(Leaf([1, 2, 3]), Ledger.Merkle.LeafHash([1, 2, 3]));
        Assert.Equal(Node(CtLeaves[0], CtLeaves[1]), Ledger.Merkle.NodeHash(CtLeaves[0], CtLeaves[1]));
    }

    [Fact]
    public void roots_of_1_to_8_leaves_equal_the_hand_built_trees_and_the_published_ct_roots()
    {
        for (var size = 1; size <= 8; size++)
        {
            var expected = ExpectedRoot(CtLeaves, size);
            Assert.Equal(CtRoots[size - 1], Hex.Of(expected));
            Assert.Equal(expected, Ledger.Merkle.RootHash(CtLeaves.Take(size).ToList()));
        }
    }

    [Fact]
    public void the_rfc_example_tree_of_7_leaves_has_the_audit_paths_the_rfc_lists()
    {
        // RFC 6962 2.1.3 / RFC 9162 2.1.5: leaves a..f, d6 = j; g = a+b, h = c+d, i = e+f, k = g+h, l = i+j.
        var d = CtLeaves;
        var (a, b, c, dd, e, f, j) = (d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
        var g = Node(a, b);
        var h = Node(c, dd);
        var i = Node(e, f);
        var k = Node(g, h);
        var l = Node(i, j);
        var leaves = d.Take(7).ToList();

        Assert.Equal([b, h, l], Ledger.Merkle.InclusionProof(leaves, 0, 7));
        Assert.Equal([c, g, l], Ledger.Merkle.InclusionProof(leaves, 3, 7));
        Assert.Equal([f, j, k], Ledger.Merkle.InclusionProof(leaves, 4, 7));
        Assert.Equal([i, k], Ledger.Merkle.InclusionProof(leaves, 6, 7));

        Assert.Equal([c, dd, g, l], Ledger.Merkle.ConsistencyProof(leaves, 3, 7));
        Assert.Equal([l], Ledger.Merkle.ConsistencyProof(leaves, 4, 7));
        Assert.Equal([i, j, k], Ledger.Merkle.ConsistencyProof(leaves, 6, 7));
    }

    [Fact]
    public void inclusion_proofs_for_every_index_and_size_up_to_8_match_the_rfc_recursion_and_verify()
    {
        for (var size = 1; size <= 8; size++)
        {
            var leaves = CtLeaves.Take(size).ToList();
            var root = ExpectedRoot(CtLeaves, size);
            for (var index = 0; index < size; index++)
            {
                var proof = Ledger.Merkle.InclusionProof(CtLeaves, index, size);
                Assert.Equal(Path(index, leaves), proof);
                Assert.True(Ledger.Merkle.VerifyInclusion(index, size, CtLeaves[index], proof, root));
            }
        }
    }

    [Fact]
    public void consistency_proofs_for_every_pair_of_sizes_up_to_8_match_the_rfc_recursion_and_verify()
    {
        for (var newSize = 1; newSize <= 8; newSize++)
        {
            for (var oldSize = 1; oldSize <= newSize; oldSize++)
            {
                var proof = Ledger.Merkle.ConsistencyProof(CtLeaves, oldSize, newSize);
                Assert.Equal(oldSize == newSize ? [] : Proof(oldSize, CtLeaves.Take(newSize).ToList()), proof);
                Assert.True(Ledger.Merkle.VerifyConsistency(oldSize, newSize, ExpectedRoot(CtLeaves, oldSize), ExpectedRoot(CtLeaves, newSize), proof));
            }
        }
    }

    [Fact]
    public void inclusion_verification_rejects_tampered_paths_wrong_indexes_and_wrong_sizes()
    {
        for (var size = 1; size <= 8; size++)
        {
            var root = ExpectedRoot(CtLeaves, size);
            for (var index = 0; index < size; index++)
            {
                var proof = Ledger.Merkle.InclusionProof(CtLeaves, index, size);
                var leaf = CtLeaves[index];
                for (var p = 0; p < proof.Count; p++)
                {
                    var tampered = proof.Select(x => (byte[])x.Clone()).ToList();
                    tampered[p][0] ^= 0x01;
                    Assert.False(Ledger.Merkle.VerifyInclusion(index, size, leaf, tampered, root));
                }
                for (var other = 0; other < 9; other++)
                {
                    if (other != index)
                    {
                        Assert.False(Ledger.Merkle.VerifyInclusion(other, size, leaf, proof, root));
                    }
                }
                for (var otherSize = 1; otherSize <= 8; otherSize++)
                {
                    // The size is not hashed into the root: what a wrong size must not do is
                    // make this path prove the leaf in the tree of that other size.
                    if (otherSize != size)
                    {
                        Assert.False(Ledger.Merkle.VerifyInclusion(index, otherSize, leaf, proof, ExpectedRoot(CtLeaves, otherSize)));
                    }
                }
                Assert.False(Ledger.Merkle.VerifyInclusion(index, index, leaf, proof, root));
                Assert.False(Ledger.Merkle.VerifyInclusion(index, size, CtLeaves[(index + 1) % 8], proof, root));
                Assert.False(Ledger.Merkle.VerifyInclusion(index, size, leaf, [.. proof, root], root));
                if (proof.Count > 0)
                {
                    Assert.False(Ledger.Merkle.VerifyInclusion(index, size, leaf, proof.Take(proof.Count - 1).ToList(), root));
                }
            }
        }
    }

    [Fact]
    public void consistency_verification_rejects_tampered_proofs_and_wrong_roots()
    {
        for (var newSize = 2; newSize <= 8; newSize++)
        {
            for (var oldSize = 1; oldSize < newSize; oldSize++)
            {
                var oldRoot = ExpectedRoot(CtLeaves, oldSize);
                var newRoot = ExpectedRoot(CtLeaves, newSize);
                var proof = Ledger.Merkle.ConsistencyProof(CtLeaves, oldSize, newSize);
                for (var p = 0; p < proof.Count; p++)
                {
                    var tampered = proof.Select(x => (byte[])x.Clone()).ToList();
                    tampered[p][31] ^= 0x80;
                    Assert.False(Ledger.Merkle.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, tampered));
                }
                Assert.False(Ledger.Merkle.VerifyConsistency(oldSize, newSize, newRoot, newRoot, proof));
                Assert.False(Ledger.Merkle.VerifyConsistency(oldSize, newSize, oldRoot, oldRoot, proof));
                Assert.False(Ledger.Merkle.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, []));
                Assert.False(Ledger.Merkle.VerifyConsistency(newSize, oldSize, oldRoot, newRoot, proof));
                Assert.False(Ledger.Merkle.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, newRoot]));
            }
        }
    }

    [Fact]
    public void equal_sizes_and_the_empty_tree_need_no_proof()
    {
        var root4 = ExpectedRoot(CtLeaves, 4);
        Assert.Empty(Ledger.Merkle.ConsistencyProof(CtLeaves, 4, 4));
        Assert.True(Ledger.Merkle.VerifyConsistency(4, 4, root4, root4, []));
        Assert.False(Ledger.Merkle.VerifyConsistency(4, 4, root4, ExpectedRoot(CtLeaves, 5), []));
        Assert.Empty(Ledger.Merkle.ConsistencyProof(CtLeaves, 0, 5));
        Assert.True(Ledger.Merkle.VerifyConsistency(0, 5, Ledger.Merkle.EmptyRoot(), ExpectedRoot(CtLeaves, 5), []));
        Assert.False(Ledger.Merkle.VerifyConsistency(0, 5, root4, ExpectedRoot(CtLeaves, 5), []));
    }

    [Fact]
    public void proofs_outside_the_tree_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.Merkle.InclusionProof(CtLeaves, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.Merkle.InclusionProof(CtLeaves, 0, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.Merkle.ConsistencyProof(CtLeaves, 5, 4));
        Assert.False(Ledger.Merkle.VerifyInclusion(0, 0, CtLeaves[0], [], Ledger.Merkle.EmptyRoot()));
    }

    [Fact]
    public void leaf_data_is_the_canonical_json_of_chain_hash_and_seq()
    {
        var data = Ledger.Merkle.LeafData("prescription:rx-0001", Documents.FixedVectors.EntryHash, 0);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Documents.FixedVectors.LeafDataText), data);
        Assert.Equal(Documents.FixedVectors.LeafHash, Hex.Of(Ledger.Merkle.LeafHash(data)));
    }
}
