using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Notary;

public abstract partial class NotaryStoreContract
{
    [Fact]
    public async Task a_seal_appends_every_waiting_entry_once_ordered_by_chain_id_then_seq()
    {
        var log = await FreshLogAsync();
        // Ordinal order differs from culture order here: "Z" < "_" < "a", and "patient" < "prescription".
        var chains = new[] { "prescription:alpha", "patient:Zeta", "prescription:Alpha", "patient:_x", "patient:9", "treatment:-y" }
            .Select(c => c + "-" + Guid.NewGuid().ToString("N")[..8]).ToList();
        var written = new List<StoredEntry>();
        var heads = chains.ToDictionary(c => c, _ => (Seq: 0L, Hash: Hashes.ZeroHash));
        var random = new Random(7);
        for (var round = 0; round < 30; round++)
        {
            var chain = chains[random.Next(chains.Count)];
            var (seq, prev) = heads[chain];
            var entry = Entry(chain, seq, prev);
            // Single appends and batches both feed the outbox.
            if (round % 3 == 0)
                await log.Entries.AppendBatchAsync([entry]);
            else
                await log.Entries.AppendAsync(entry);
            heads[chain] = (seq + 1, entry.Hash);
            written.Add(entry);
        }

        var result = await log.Notary.SealAsync(Sign, 1000);

        var expected = InLogOrder(written);
        Assert.NotNull(result);
        Assert.Equal(expected.Count, result.Sealed);
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(i, await log.Notary.LeafIndexAsync(expected[i].Chain, expected[i].Seq));
        var checkpoint = result.Checkpoint.Checkpoint;
        Assert.Equal((1L, (long)expected.Count), (checkpoint.Number, checkpoint.Size));
        Assert.Equal(Merkle.RootHash(expected.Select(LeafHash).ToList()), checkpoint.RootBytes());
        Assert.True(checkpoint.Verify(NotaryKey.Public, result.Checkpoint.Sig));
    }

    [Fact]
    public async Task later_seals_take_only_what_was_committed_since_and_sizes_grow()
    {
        var log = await FreshLogAsync();
        var chain = NewChain();
        var all = Chain(chain, 7);
        await log.Entries.AppendBatchAsync(all[..3]);
        var first = await log.Notary.SealAsync(Sign, 100);
        await log.Entries.AppendBatchAsync(all[3..]);
        var second = await log.Notary.SealAsync(Sign, 100);

        Assert.Equal((1L, 3L), (first!.Checkpoint.Checkpoint.Number, first.Checkpoint.Checkpoint.Size));
        Assert.Equal((2L, 7L), (second!.Checkpoint.Checkpoint.Number, second.Checkpoint.Checkpoint.Size));
        for (var seq = 0; seq < all.Count; seq++)
            Assert.Equal(seq, await log.Notary.LeafIndexAsync(chain, seq));
        Assert.Equal(first.Checkpoint, await log.Notary.GetCheckpointAsync(1));
        Assert.Equal(second.Checkpoint, await log.Notary.GetCheckpointAsync(2));
        Assert.Null(await log.Notary.GetCheckpointAsync(3));
        Assert.Null(await log.Notary.LeafIndexAsync(chain, 7));
    }

    [Fact]
    public async Task a_seal_takes_at_most_max_leaves_longest_waiting_first_and_leaves_the_rest()
    {
        var log = await FreshLogAsync();
        var entries = Enumerable.Range(0, 10).Select(_ => Entry(NewChain(), 0)).ToList();
        foreach (var entry in entries)
            await log.Entries.AppendAsync(entry);

        var first = await log.Notary.SealAsync(Sign, 4);
        var rest = await log.Notary.SealAsync(Sign, 100);

        Assert.Equal((4, 6), (first!.Sealed, rest!.Sealed));
        var expected = InLogOrder(entries[..4]).Concat(InLogOrder(entries[4..])).ToList();
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(i, await log.Notary.LeafIndexAsync(expected[i].Chain, 0));
        Assert.Equal(Merkle.RootHash(expected.Select(LeafHash).ToList()), rest.Checkpoint.Checkpoint.RootBytes());
    }

    [Fact]
    public async Task a_failure_inside_the_seal_transaction_rolls_back_whole_so_nothing_is_skipped_or_sealed_twice()
    {
        var log = await FreshLogAsync();
        var chain = NewChain();
        var all = Chain(chain, 9);
        await log.Entries.AppendBatchAsync(all[..4]);
        Assert.NotNull(await log.Notary.SealAsync(Sign, 100));
        await log.Entries.AppendBatchAsync(all[4..]);

        // The signer runs after the new subtrees and leaf indexes are written and before the
        // checkpoint is: the latest point at which a seal can die without committing.
        var crash = new InvalidOperationException("the notary died mid-seal");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => log.Notary.SealAsync(_ => throw crash, 100));

        Assert.Same(crash, thrown);
        Assert.Equal(1, (await log.Notary.LatestCheckpointAsync())!.Checkpoint.Number);
        Assert.Equal(5, await log.Notary.UnsealedCountAsync());
        Assert.Null(await log.Notary.LeafIndexAsync(chain, 4));

        var recovered = await log.Notary.SealAsync(Sign, 100);
        Assert.Equal((2L, 9L, 5), (recovered!.Checkpoint.Checkpoint.Number, recovered.Checkpoint.Checkpoint.Size, recovered.Sealed));
        for (var seq = 0; seq < all.Count; seq++)
            Assert.Equal(seq, await log.Notary.LeafIndexAsync(chain, seq));
        Assert.Equal(Merkle.RootHash(all.Select(LeafHash).ToList()), recovered.Checkpoint.Checkpoint.RootBytes());
    }

    [Fact]
    public async Task a_signer_that_misstates_the_log_is_refused_and_nothing_is_written()
    {
        var log = await FreshLogAsync();
        await log.Entries.AppendBatchAsync(Chain(NewChain(), 3));

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.Notary.SealAsync(d => Sign(d with { Size = d.Size - 1 }), 100));

        Assert.Null(await log.Notary.LatestCheckpointAsync());
        Assert.Equal(3, await log.Notary.UnsealedCountAsync());
    }
}
