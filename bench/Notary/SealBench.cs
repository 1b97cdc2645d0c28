using System.Diagnostics;

namespace Ddl.Bench.Notary;

/// <summary>
/// The time of one seal of 100,000 entries appended through the entry store (so their outbox rows
/// are the real ones), on a log that already holds the previous runs' leaves. The first seal of the
/// process runs cold (tier-0 JIT, first COPY); a notary seals every 2 s, so the figures are the
/// warm ones, and the cold one is reported beside them.
/// </summary>
public static class SealBench
{
    public const int EntriesPerSeal = 100_000;

    public sealed record Result(Stats Warm, double ColdMs);

    public static async Task<Result> RunAsync(string server, int runs, TextWriter log)
    {
        await using var db = await BenchDatabase.CreateAsync(server, "seal");
        using var signer = new BenchSigner();
        var times = new List<double>();
        var cold = 0.0;
        for (var run = -1; run < runs; run++)
        {
            var entries = SyntheticEntries.Make(EntriesPerSeal, 20_000, $"s{run}");
            foreach (var batch in entries.Chunk(1000))
                await db.Entries.AppendBatchAsync(batch);
            // Settle autovacuum and the WAL writer the appends left busy, as a quiet moment before a tick would.
            await Task.Delay(2000);

            var clock = Stopwatch.StartNew();
            var result = await db.Notary.SealAsync(signer.Sign, EntriesPerSeal);
            clock.Stop();
            if (result?.Sealed != EntriesPerSeal)
                throw new InvalidOperationException($"run {run} sealed {result?.Sealed} entries, not {EntriesPerSeal}");
            if (run < 0)
                cold = clock.Elapsed.TotalMilliseconds;
            else
                times.Add(clock.Elapsed.TotalMilliseconds);
            log.WriteLine($"seal {(run < 0 ? "cold" : $"run {run + 1}/{runs}")}: {EntriesPerSeal} entries in {clock.Elapsed.TotalMilliseconds:0} ms (log size {result.Checkpoint.Checkpoint.Size})");
        }
        return new Result(new Stats(times), cold);
    }
}
