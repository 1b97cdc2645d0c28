using System.Collections.Concurrent;
using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    [Fact]
    public async Task racing_appenders_for_the_same_seq_produce_exactly_one_winner_per_seq()
    {
        const int Writers = 8;
        const int Seqs = 12;
        var chain = NewChain();
        // Two store instances on one database: two silos, each believing it owns the chain.
        IEntryStore[] stores = [Store, Open()];
        var winners = new ConcurrentDictionary<long, ConcurrentBag<string>>();
        var conflicts = 0;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            await start.Task;
            var store = stores[writer % stores.Length];
            for (long seq = 0; seq < Seqs; seq++)
            {
                var entry = Entry(chain, seq);
                try
                {
                    Appended(await store.AppendAsync(entry));
                    winners.GetOrAdd(seq, _ => []).Add(entry.Nonce);
                }
                catch (ChainConflictException ex) when (ex.Chain == chain && ex.Seq == seq)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(writers);

        Assert.Equal(Seqs, winners.Count);
        Assert.All(winners.Values, bag => Assert.Single(bag));
        Assert.Equal(Writers * Seqs - Seqs, conflicts);
        var stored = await Store.ReadChainAsync(chain, 0, 100);
        Assert.Equal(Enumerable.Range(0, Seqs).Select(s => (long)s), stored.Select(e => e.Seq));
        Assert.All(stored, e => Assert.Equal(winners[e.Seq].Single(), e.Nonce));
    }

    [Fact]
    public async Task racing_batches_for_the_same_seqs_write_each_seq_once()
    {
        const int Batches = 4;
        var chains = Enumerable.Range(0, 5).Select(_ => NewChain()).ToList();
        var keys = chains.SelectMany(chain => Enumerable.Range(0, 4).Select(seq => (chain, seq: (long)seq))).ToList();
        IEntryStore[] stores = [Store, Open()];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var batches = Enumerable.Range(0, Batches).Select(b => Task.Run(async () =>
        {
            // Each batcher sees the keys in its own order, as batches from different silos would.
            var batch = keys.OrderBy(_ => Random.Shared.Next()).Select(k => Entry(k.chain, k.seq)).ToList();
            await start.Task;
            return await stores[b % stores.Length].AppendBatchAsync(batch);
        })).ToList();
        start.SetResult();
        var outcomes = (await Task.WhenAll(batches)).SelectMany(o => o).ToList();

        var written = outcomes.OfType<AppendOutcome.Appended>().Select(a => (a.Entry.Chain, a.Entry.Seq)).ToList();
        Assert.Equal(keys.Count, written.Count);
        Assert.True(keys.ToHashSet().SetEquals(written), "every (chain, seq) is written once");
        Assert.Equal(keys.Count * (Batches - 1), outcomes.OfType<AppendOutcome.Conflict>().Count());
        foreach (var chain in chains)
            Assert.Equal(4, (await Store.ReadChainAsync(chain, 0, 10)).Count);
    }
}
