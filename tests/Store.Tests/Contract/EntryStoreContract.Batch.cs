using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    [Fact]
    public async Task batch_append_reports_each_outcome_in_input_order_and_keeps_the_good_entries()
    {
        var taken = NewChain();
        var original = Appended(await Store.AppendAsync(Entry(taken, 0)));
        var first = NewChain();
        var second = NewChain();
        var a0 = Entry(first, 0);
        var a1 = Entry(first, 1, prev: a0.Hash);
        var b0 = Entry(second, 0);

        var outcomes = await Store.AppendBatchAsync(
        [
            a0,                                                             // written
            Entry(taken, 0),                                                // seq taken before the batch
            Entry(second, 3, nonce: original.Nonce, author: original.Author), // nonce used before the batch
            a1,                                                             // written
            b0,                                                             // written
            Entry(second, 0),                                               // seq taken earlier in the batch
            b0,                                                             // the same entry twice in one batch
        ]);

        Assert.Equal(7, outcomes.Count);
        var storedA0 = Appended(outcomes[0]);
        Assert.Equal(new AppendOutcome.Conflict(taken, 0), outcomes[1]);
        Assert.Equal(original, Assert.IsType<AppendOutcome.DuplicateNonce>(outcomes[2]).Existing);
        var storedA1 = Appended(outcomes[3]);
        var storedB0 = Appended(outcomes[4]);
        Assert.Equal(new AppendOutcome.Conflict(second, 0), outcomes[5]);
        Assert.Equal(storedB0, Assert.IsType<AppendOutcome.DuplicateNonce>(outcomes[6]).Existing);

        Assert.Equal(a0 with { Position = storedA0.Position }, storedA0);
        Assert.True(storedA1.Position > storedA0.Position);
        Assert.Equal([storedA0, storedA1], await Store.ReadChainAsync(first, 0, 10));
        Assert.Equal([storedB0], await Store.ReadChainAsync(second, 0, 10));
        Assert.Equal([original], await Store.ReadChainAsync(taken, 0, 10));
    }

    [Fact]
    public async Task batch_append_never_writes_an_entry_whose_predecessor_in_the_batch_was_refused()
    {
        // A pipelining chain grain hands n + 1 over before n commits; if n is refused, n + 1 must
        // not land behind the gap, and neither must anything after it.
        var used = Appended(await Store.AppendAsync(Entry(NewChain(), 0)));
        var chain = NewChain();
        var e0 = Entry(chain, 0);
        var e1 = Entry(chain, 1, prev: e0.Hash, nonce: used.Nonce, author: used.Author); // nonce used elsewhere
        var e2 = Entry(chain, 2, prev: e1.Hash);
        var e3 = Entry(chain, 3, prev: e2.Hash);
        var other = NewChain();

        var outcomes = await Store.AppendBatchAsync([e0, e1, e2, Entry(other, 0), e3]);

        var stored0 = Appended(outcomes[0]);
        Assert.Equal(used, Assert.IsType<AppendOutcome.DuplicateNonce>(outcomes[1]).Existing);
        Assert.Equal(new AppendOutcome.Conflict(chain, 2), outcomes[2]);
        Appended(outcomes[3]);
        Assert.Equal(new AppendOutcome.Conflict(chain, 3), outcomes[4]);
        Assert.Equal([stored0], await Store.ReadChainAsync(chain, 0, 10));
        Assert.Single(await Store.ReadChainAsync(other, 0, 10));
    }

    [Fact]
    public async Task batch_append_writes_many_chains_in_one_call()
    {
        var chains = Enumerable.Range(0, 40).Select(_ => NewChain("patient")).ToList();
        var entries = chains.SelectMany(chain => Chain(chain, 3)).ToList();

        var outcomes = await Store.AppendBatchAsync(entries);

        var stored = outcomes.Select(Appended).ToList();
        Assert.Equal(entries, stored.Select(e => e with { Position = 0 }));
        Assert.Equal(stored.Count, stored.Select(e => e.Position).Distinct().Count());
        foreach (var chain in chains)
        {
            var read = await Store.ReadChainAsync(chain, 0, 10);
            Assert.Equal(stored.Where(e => e.Chain == chain), read);
            Assert.True(read[0].Position < read[1].Position && read[1].Position < read[2].Position);
        }
    }

    [Fact]
    public async Task empty_batch_returns_no_outcomes()
    {
        Assert.Empty(await Store.AppendBatchAsync([]));
    }
}
