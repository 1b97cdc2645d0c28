using Ddl.Ledger;
using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Notary;

public abstract partial class NotaryStoreContract
{
    [Fact]
    public async Task proofs_from_storage_verify_and_equal_proofs_computed_from_all_leaves()
    {
        var log = await FreshLogAsync();
        var leaves = new List<byte[]>();
        var checkpoints = new List<Checkpoint>();
        foreach (var count in new[] { 1, 1, 2, 3, 5, 8, 13, 21 })
        {
            var entries = InLogOrder(Enumerable.Range(0, count).Select(_ => Entry(NewChain(), 0)));
            await log.Entries.AppendBatchAsync(entries);
            checkpoints.Add((await log.Notary.SealAsync(Sign, 1000))!.Checkpoint.Checkpoint);
            leaves.AddRange(entries.Select(LeafHash));
        }

        foreach (var checkpoint in checkpoints)
        {
            for (long i = 0; i < checkpoint.Size; i++)
            {
                var path = await log.Notary.InclusionProofAsync(i, checkpoint.Size);
                Assert.Equal(Merkle.InclusionProof(leaves, i, checkpoint.Size), path);
                Assert.True(Merkle.VerifyInclusion(i, checkpoint.Size, leaves[(int)i], path, checkpoint.RootBytes()));
            }
            foreach (var older in checkpoints.Where(c => c.Size <= checkpoint.Size))
            {
                var proof = await log.Notary.ConsistencyProofAsync(older.Size, checkpoint.Size);
                Assert.Equal(Merkle.ConsistencyProof(leaves, older.Size, checkpoint.Size), proof);
                Assert.True(Merkle.VerifyConsistency(older.Size, checkpoint.Size, older.RootBytes(), checkpoint.RootBytes(), proof));
            }
        }

        // Any size the log has reached works, not only checkpoint sizes.
        Assert.Equal(Merkle.ConsistencyProof(leaves, 7, 41), await log.Notary.ConsistencyProofAsync(7, 41));
        Assert.Equal(Merkle.InclusionProof(leaves, 30, 33), await log.Notary.InclusionProofAsync(30, 33));
    }

    [Fact]
    public async Task a_proof_for_a_tree_the_log_has_not_reached_is_refused()
    {
        var log = await FreshLogAsync();
        await log.Entries.AppendBatchAsync(Chain(NewChain(), 5));
        await log.Notary.SealAsync(Sign, 100);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.Notary.InclusionProofAsync(2, 6));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.Notary.InclusionProofAsync(5, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.Notary.ConsistencyProofAsync(3, 9));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.Notary.ConsistencyProofAsync(4, 3));
    }
}
