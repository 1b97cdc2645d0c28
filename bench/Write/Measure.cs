using System.Diagnostics;

namespace Ddl.Bench.Write;

/// <summary>One timed run and what was seen during it.</summary>
public sealed record Sample(
    string Label, long Entries, double Seconds, double Rate, double P50Ms, double P99Ms, long Errors,
    double CeilingRate, double Ratio, double EntriesPerCommit, double EntriesPerWalSync,
    double DotnetCpuUsPerEntry, double PgCpuUsPerEntry, double AllocBytesPerEntry, int Gen0, int Gen1, int Gen2, string Load)
{
    public override string ToString() =>
        $"{Label}: {Rate:0} entries/s ({Entries} in {Seconds:0.0} s, {Errors} errors), p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms; " +
        $"ceiling {CeilingRate:0}/s, ratio {Ratio:0.00}; {EntriesPerCommit:0.0} entries/commit, {EntriesPerWalSync:0.0} entries/WAL sync; " +
        $"CPU/entry: .NET {DotnetCpuUsPerEntry:0} µs, PostgreSQL {PgCpuUsPerEntry:0} µs; alloc {AllocBytesPerEntry / 1024:0.0} KiB/entry; GC {Gen0}/{Gen1}/{Gen2}; load {Load}" +
        (double.IsNaN(SettledMs) ? "" : $"; read model caught up {SettledMs:0} ms after the last acknowledgement");

    /// <summary>How long after the timed part the run's asynchronous work was done (NaN: not waited for).</summary>
    public double SettledMs { get; init; } = double.NaN;
}

public static class Measure
{
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>
    /// Runs count operations with concurrency workers (op i writes perOp entries), timing each,
    /// then measures the raw ceiling on the rows the run wrote. <paramref name="settle"/>, when given,
    /// runs right after the timed part and before anything else touches the database: it waits for
    /// the run's asynchronous work (the read model's projection), whose CPU then counts per entry.
    /// </summary>
    public static async Task<Sample> RunAsync(string label, BenchLedger ledger, int count, int concurrency, int perOp, Func<int, Task> op, bool ceiling = true,
        Func<Task>? settle = null)
    {
        var conn = ledger.ConnectionString;
        var mark = await Pg.ScalarAsync(conn, "SELECT coalesce(max(position), 0) FROM ddl_entries");
        var before = await Pg.CountersAsync(conn);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var pg0 = Pg.ServerCpuSeconds();
        var alloc0 = GC.GetTotalAllocatedBytes(false);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var load = LoadAverage();

        var latencies = new double[count];
        long errors = 0;
        var next = -1;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var t0 = Stopwatch.GetTimestamp();
                try { await op(i); }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref errors) == 1) firstError = e.Message;
                }
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }));
        clock.Stop();
        var settled = double.NaN;
        if (settle is not null)
        {
            var wait = Stopwatch.StartNew();
            await settle();
            settled = wait.Elapsed.TotalMilliseconds;
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var pg = Pg.ServerCpuSeconds() - pg0;
        var alloc = GC.GetTotalAllocatedBytes(false) - alloc0;
        var after = await Pg.CountersAsync(conn);
        var written = await Pg.ScalarAsync(conn, $"SELECT count(*) FROM ddl_entries WHERE position > {mark}");
        if (firstError is not null) Console.Error.WriteLine($"  first error of {label}: {firstError}");
        if (written != (long)count * perOp - errors * perOp && errors == 0)
            Console.Error.WriteLine($"  note: {written} rows written for {count * perOp} submitted");

        var rate = written / clock.Elapsed.TotalSeconds;
        var ceilingRate = ceiling ? await Ceiling.MeasureAsync(conn, mark) : double.NaN;
        var commits = Math.Max(1, after.Commits - before.Commits);
        var syncs = Math.Max(1, after.WalSyncs - before.WalSyncs);
        var sample = new Sample(label, written, clock.Elapsed.TotalSeconds, rate,
            Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), errors,
            ceilingRate, rate / ceilingRate, (double)written / commits, (double)written / syncs,
            cpu * 1e6 / Math.Max(1, written), pg * 1e6 / Math.Max(1, written), (double)alloc / Math.Max(1, written),
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2, $"{load}→{LoadAverage()}") { SettledMs = settled };
        Console.WriteLine("  " + sample);
        return sample;
    }
}
