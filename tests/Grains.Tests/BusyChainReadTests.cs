using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Tests.Support;

namespace Ddl.Grains.Tests;

/// <summary>
/// Submissions to a pipelining chain interleave. A read of that chain must still be answered while
/// submissions keep arriving, not only once they pause, and it must answer with a settled head.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BusyChainReadTests(ClusterFixture fixture)
{
    [Fact]
    public async Task a_read_of_a_chain_is_answered_while_submissions_to_it_keep_arriving()
    {
        var notes = await NoteChain.CreateAsync(fixture);
        var (chain, grain) = (notes.Chain, notes.Grain);
        var signed = Enumerable.Range(0, 20_000)
            .Select(notes.Note)
            .ToArray();

        // Sixteen writers keep the chain busy, each sending its next submission as soon as the last is acknowledged.
        using var stop = new CancellationTokenSource();
        var next = -1;
        var acknowledged = 0;
        var writers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < signed.Length)
            {
                await grain.SubmitAsync(signed[i]);
                Interlocked.Increment(ref acknowledged);
            }
        })).ToList();
        while (Volatile.Read(ref acknowledged) < 200)
        {
            await Task.Delay(10);
        }

        // Asked in the middle of the stream, the read is answered within seconds, before the writers stop.
        var read = grain.GetHeadAsync();
        var answered = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))) == read;
        var acknowledgedByThen = Volatile.Read(ref acknowledged);
        var writersStillBusy = writers.All(w => !w.IsCompleted);
        stop.Cancel();
        await Task.WhenAll(writers);

        Assert.True(answered, "the head was not read within 10 s while submissions kept arriving");
        Assert.True(writersStillBusy && acknowledgedByThen < signed.Length, "the writers had already finished: the test did not keep the chain busy");

        // The answer is a settled head: that entry is stored with that hash.
        var (length, headHash) = await read;
        Assert.True(length > 200, $"head length {length}");
        var rows = await StoredChains.ReadAllAsync(fixture.Store, chain);
        Assert.Equal(headHash, rows[(int)length - 1].Hash);
        Assert.Equal((rows.Count, rows[^1].Hash), await grain.GetHeadAsync());
    }

    [Fact]
    public async Task a_read_waits_for_the_entries_in_flight_and_never_reports_one_that_was_not_written()
    {
        var notes = await NoteChain.CreateAsync(fixture);
        var (chain, grain) = (notes.Chain, notes.Grain);
        for (var i = 0; i < 3; i++)
        {
            await grain.SubmitAsync(notes.Note(i));
        }

        // The next commit is held, then fails; four more submissions queue behind it.
        var release = new TaskCompletionSource();
        fixture.Faults.ArmHeld(FaultPoints.BeforeEntryCommit, chain, release.Task);
        var attempts = Enumerable.Range(3, 5)
            .Select(i => Settle(grain.SubmitAsync(notes.Note(i))))
            .ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // While they are in flight the head is not known yet: the read waits instead of counting them.
        var read = grain.GetHeadAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(read.IsCompleted, "the head was reported while entries were in flight");

        release.SetResult();
        await Task.WhenAll(attempts);
        var rows = await StoredChains.ReadAllAsync(fixture.Store, chain);
        Assert.Equal((rows.Count, rows[^1].Hash), await read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, rows.Count);
    }

    private static async Task Settle(Task<Receipt> submission)
    {
        try
        {
            await submission;
        }
        catch (Exception e) when (e is IOException or LedgerException)
        {
            // The held commit fails, and every entry queued behind it with it.
        }
    }
}
