using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    [Fact]
    public async Task appended_entry_reads_back_by_seq_by_chain_and_by_nonce()
    {
        var chain = NewChain();
        var entry = Entry(chain, 0);

        var stored = Appended(await Store.AppendAsync(entry));

        Assert.True(stored.Position > 0);
        Assert.Equal(entry with { Position = stored.Position }, stored);
        Assert.Equal(stored, await Store.GetAsync(chain, 0));
        Assert.Equal([stored], await Store.ReadChainAsync(chain, 0, 10));
        Assert.Equal(stored, await Store.FindByNonceAsync(entry.Author, entry.Nonce));
        Assert.Null(await Store.GetAsync(chain, 1));
        Assert.Null(await Store.FindByNonceAsync(entry.Author, NewNonce()));
    }

    [Fact]
    public async Task head_is_the_last_entry_of_the_chain_and_null_for_an_unknown_chain()
    {
        var chain = NewChain();
        var entries = Chain(chain, 3);
        foreach (var entry in entries)
            Appended(await Store.AppendAsync(entry));

        Assert.Equal(new ChainHead(2, entries[2].Hash), await Store.GetHeadAsync(chain));
        Assert.Null(await Store.GetHeadAsync(NewChain()));
    }

    [Fact]
    public async Task reading_a_chain_pages_by_seq_in_ascending_order()
    {
        var chain = NewChain();
        foreach (var entry in Chain(chain, 10))
            Appended(await Store.AppendAsync(entry));

        Assert.Equal([0L, 1, 2, 3], (await Store.ReadChainAsync(chain, 0, 4)).Select(e => e.Seq));
        Assert.Equal([4L, 5, 6, 7], (await Store.ReadChainAsync(chain, 4, 4)).Select(e => e.Seq));
        Assert.Equal([8L, 9], (await Store.ReadChainAsync(chain, 8, 4)).Select(e => e.Seq));
        Assert.Empty(await Store.ReadChainAsync(chain, 10, 4));
        Assert.Empty(await Store.ReadChainAsync(chain, 0, 0));
        Assert.Empty(await Store.ReadChainAsync(NewChain(), 0, 4));
    }

    [Fact]
    public async Task duplicate_author_nonce_returns_the_original_and_writes_nothing()
    {
        var chain = NewChain();
        var original = Appended(await Store.AppendAsync(Entry(chain, 0)));

        // The same submission again, as a retry would send it...
        var again = await Store.AppendAsync(original with { Position = 0 });
        // ...and the same nonce on the next seq, as a client resubmitting later would produce.
        var later = await Store.AppendAsync(Entry(chain, 1, prev: original.Hash, nonce: original.Nonce));

        Assert.Equal(original, Assert.IsType<AppendOutcome.DuplicateNonce>(again).Existing);
        Assert.Equal(original, Assert.IsType<AppendOutcome.DuplicateNonce>(later).Existing);
        Assert.Equal([original], await Store.ReadChainAsync(chain, 0, 10));
        Assert.Equal(new ChainHead(0, original.Hash), await Store.GetHeadAsync(chain));
    }

    [Fact]
    public async Task taken_chain_seq_throws_chain_conflict_and_leaves_the_chain_unchanged()
    {
        var chain = NewChain();
        var original = Appended(await Store.AppendAsync(Entry(chain, 0)));
        var rival = Entry(chain, 0);

        var conflict = await Assert.ThrowsAsync<ChainConflictException>(() => Store.AppendAsync(rival));

        Assert.Equal(chain, conflict.Chain);
        Assert.Equal(0, conflict.Seq);
        Assert.Equal([original], await Store.ReadChainAsync(chain, 0, 10));
        Assert.Null(await Store.FindByNonceAsync(rival.Author, rival.Nonce));
        // The rival's nonce was not used up: it can still be written where it belongs.
        Appended(await Store.AppendAsync(rival with { Seq = 1, Prev = original.Hash }));
    }

    [Fact]
    public async Task malformed_entry_is_refused_before_anything_is_written()
    {
        var chain = NewChain();
        var good = Entry(chain, 0);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(good with { Hash = "abc" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(good with { Prev = good.Prev.ToUpperInvariant().Replace('0', 'A') }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(good with { Seq = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(good with { Nonce = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendBatchAsync([good, Entry(chain, 1) with { Hash = new string('x', 64) }]));

        Assert.Null(await Store.GetHeadAsync(chain));
    }
}
