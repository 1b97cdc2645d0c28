using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Notary;

public abstract partial class NotaryStoreContract
{
    [Fact]
    public async Task every_appended_entry_waits_in_the_outbox_and_refused_ones_do_not()
    {
        var log = await FreshLogAsync();
        var chain = NewChain();
        var first = Assert.IsType<AppendOutcome.Appended>(await log.Entries.AppendAsync(Entry(chain, 0))).Entry;
        Assert.IsType<AppendOutcome.DuplicateNonce>(await log.Entries.AppendAsync(first with { Position = 0 }));
        await Assert.ThrowsAsync<ChainConflictException>(() => log.Entries.AppendAsync(Entry(chain, 0)));

        var other = NewChain();
        var outcomes = await log.Entries.AppendBatchAsync([Entry(other, 0), Entry(chain, 0), Entry(other, 1), Entry(other, 0)]);

        Assert.Equal(2, outcomes.Count(o => o is AppendOutcome.Appended));
        Assert.Equal(3, await log.Notary.UnsealedCountAsync());
    }

    [Fact]
    public async Task a_seal_empties_the_outbox_and_sealing_nothing_writes_no_checkpoint()
    {
        var log = await FreshLogAsync();
        Assert.Null(await log.Notary.SealAsync(Sign, 100));
        Assert.Null(await log.Notary.LatestCheckpointAsync());

        await log.Entries.AppendBatchAsync(Chain(NewChain(), 3));
        var sealedOnce = await log.Notary.SealAsync(Sign, 100);

        Assert.NotNull(sealedOnce);
        Assert.Equal(3, sealedOnce.Sealed);
        Assert.Equal(0, await log.Notary.UnsealedCountAsync());
        Assert.Null(await log.Notary.SealAsync(Sign, 100));
        Assert.Equal(sealedOnce.Checkpoint, await log.Notary.LatestCheckpointAsync());
    }
}
