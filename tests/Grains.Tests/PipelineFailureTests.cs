using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Tests.Support;

namespace Ddl.Grains.Tests;

/// <summary>
/// A chain grain hands entry n + 1 to the writer while entry n is still being committed. These
/// tests make a commit fail while later entries of the same chain are queued behind it, and check
/// that none of those is written or acknowledged out of order, and that the grain recovers.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PipelineFailureTests(ClusterFixture fixture)
{
    private TestLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task a_failed_commit_fails_every_later_entry_in_flight_and_the_chain_stays_gap_free()
    {
        var notes = await NoteChain.CreateAsync(fixture);
        var (institution, chain, grain) = (notes.Institution, notes.Chain, notes.Grain);
        for (var i = 0; i < 3; i++)
        {
            await grain.SubmitAsync(notes.Note(i));
        }

        // The next commit of this chain is held at the writer, then fails; meanwhile the grain keeps
        // checking and queueing the following submissions behind it.
        var release = new TaskCompletionSource();
        fixture.Faults.ArmHeld(FaultPoints.BeforeEntryCommit, chain, release.Task);
        var signed = Enumerable.Range(3, 20)
            .Select(notes.Note)
            .ToList();
        var attempts = signed.Select(s => Attempt(grain, s)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        release.SetResult();
        var results = await Task.WhenAll(attempts);

        // The held entry failed, and so did at least one entry queued behind it.
        var failed = results.Count(r => r.Receipt is null);
        Assert.True(failed >= 2, $"expected the held entry and those behind it to fail, {failed} failed");
        Assert.All(results.Where(r => r.Receipt is null), r => Assert.True(r.Error is IOException or LedgerException { Code: ErrorCodes.ChainConflict }, r.Error?.ToString()));

        // Whatever was acknowledged is stored exactly so, and the stored chain has no gap.
        var rows = await StoredChains.ReadAllAsync(fixture.Store, chain);
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => (long)i), rows.Select(r => r.Seq));
        foreach (var acknowledged in results.Select(r => r.Receipt).OfType<Receipt>())
        {
            Assert.Equal(acknowledged.Hash, rows[(int)acknowledged.Seq].Hash);
        }

        Assert.Equal(3 + results.Count(r => r.Receipt is not null), rows.Count);

        // The grain reloaded its head: the refused submissions go through on a retry, and the chain verifies.
        foreach (var (s, r) in signed.Zip(results))
        {
            if (r.Receipt is null)
            {
                Assert.False((await grain.SubmitAsync(s)).Duplicate);
            }
        }

        rows = await StoredChains.ReadAllAsync(fixture.Store, chain);
        Assert.Equal(23, rows.Count);
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
        Assert.Equal((23L, rows[^1].Hash), await grain.GetHeadAsync());
    }

    [Fact]
    public async Task concurrent_submissions_to_one_chain_land_in_consecutive_seqs_that_verify()
    {
        var notes = await NoteChain.CreateAsync(fixture);
        var (institution, chain, grain) = (notes.Institution, notes.Chain, notes.Grain);
        var order = new List<long>();
        var tasks = Enumerable.Range(0, 100).Select(async i =>
        {
            var receipt = await grain.SubmitAsync(notes.Note(i));
            lock (order)
            {
                order.Add(receipt.Seq);
            }
        });
        await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), order.Order());
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
    }

    private static async Task<(Receipt? Receipt, Exception? Error)> Attempt(IChainGrain grain, SignedSubmission signed)
    {
        try
        {
            return (await grain.SubmitAsync(signed), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }
}
