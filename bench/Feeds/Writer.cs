using System.Diagnostics;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;

namespace Ddl.Bench.Feeds;

/// <summary>
/// Submits the scenario's dispensings at a steady rate through the chain grains (as the GraphQL
/// mutation does after its checks), each on its own task so that a slow commit never delays the
/// next one's start. Records, per written (chain, seq), the Stopwatch time the submission started
/// and the time the grain acknowledged it (after the commit).
/// </summary>
public static class Writer
{
    public sealed record Written(string Chain, long Seq, long Started, long Acknowledged);

    public static async Task<(IReadOnlyList<Written> Writes, double AchievedRate, int Failures)> RunAsync(
        IGrainFactory grains, IReadOnlyList<(string Chain, SignedSubmission Signed)> submissions, int rate)
    {
        var writes = new Written?[submissions.Count];
        var failures = 0;
        var pending = new List<Task>(submissions.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < submissions.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            pending.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var receipt = await grains.GetChain(submissions[index].Chain).SubmitAsync(submissions[index].Signed);
                    writes[index] = new Written(receipt.Chain, receipt.Seq, started, Stopwatch.GetTimestamp());
                }
                catch (Exception e) when (e is Ddl.Ledger.LedgerException or TimeoutException)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"write {index} failed: {e.Message}");
                }
            }));
        }

        var elapsed = clock.Elapsed;
        await Task.WhenAll(pending);
        return (writes.OfType<Written>().ToList(), submissions.Count / elapsed.TotalSeconds, failures);
    }
}
