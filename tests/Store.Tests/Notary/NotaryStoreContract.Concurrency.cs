using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Notary;

public abstract partial class NotaryStoreContract
{
    [Fact]
    public async Task concurrent_sealers_and_writers_never_skip_or_double_seal_and_sizes_never_shrink()
    {
        var log = await FreshLogAsync();
        Log[] silos = [log, Reopen(log)];
        var written = new List<StoredEntry>();
        var writing = true;

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = new List<StoredEntry>();
            for (var c = 0; c < 6; c++)
            {
                var entries = Chain(NewChain(), 8);
                foreach (var batch in entries.Chunk(3))
                {
                    var store = silos[(w + c) % silos.Length].Entries;
                    if (batch.Length == 1)
                        await store.AppendAsync(batch[0]);
                    else
                        await store.AppendBatchAsync(batch);
                }
                mine.AddRange(entries);
            }
            return mine;
        })).ToList();
        var sealers = silos.Select(silo => Task.Run(async () =>
        {
            while (Volatile.Read(ref writing))
                await silo.Notary.SealAsync(Sign, 7);
        })).ToList();

        foreach (var writer in writers)
            written.AddRange(await writer);
        Volatile.Write(ref writing, false);
        await Task.WhenAll(sealers);
        var drained = 0;
        while (await log.Notary.SealAsync(Sign, 7) is { } last)
            drained += last.Sealed;

        // Every entry has exactly one leaf, and the leaves are exactly 0..n-1.
        var byLeaf = new StoredEntry[written.Count];
        foreach (var entry in written)
        {
            var index = await log.Notary.LeafIndexAsync(entry.Chain, entry.Seq);
            Assert.NotNull(index);
            Assert.Null(byLeaf[index.Value]);
            byLeaf[index.Value] = entry;
        }
        var leaves = byLeaf.Select(LeafHash).ToList();

        // Checkpoints are numbered 1..k, grow strictly, each root is the tree of its first size
        // leaves, and each seal's slice is in chain-then-seq order.
        var latest = (await log.Notary.LatestCheckpointAsync())!.Checkpoint;
        Assert.Equal(written.Count, latest.Size);
        Assert.True(drained < written.Count, "the sealers running beside the writers sealed nothing");
        long previousSize = 0;
        for (var number = 1; number <= latest.Number; number++)
        {
            var checkpoint = (await log.Notary.GetCheckpointAsync(number))!.Checkpoint;
            Assert.True(checkpoint.Size > previousSize, $"checkpoint {number} has size {checkpoint.Size} after {previousSize}");
            Assert.Equal(Merkle.RootHash(leaves.Take((int)checkpoint.Size).ToList()), checkpoint.RootBytes());
            var slice = byLeaf[(int)previousSize..(int)checkpoint.Size];
            Assert.Equal(InLogOrder(slice), slice);
            previousSize = checkpoint.Size;
        }
    }
}
