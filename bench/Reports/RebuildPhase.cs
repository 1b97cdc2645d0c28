using System.Diagnostics;
using Ddl.Store;
using Ddl.Store.Reports;

namespace Ddl.Bench.Reports;

/// <summary>
/// Rebuilds the read model from every entry with the production code, what <c>ddl reindex</c> runs
/// (<see cref="ReadModel.RebuildAsync"/>), and reports its rate.
/// </summary>
public static class RebuildPhase
{
    public sealed record Result(long Entries, double Seconds, double Rate, double CpuSeconds, long PeakRssMiB, string LoadBefore, string LoadAfter, DateTimeOffset At);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter log)
    {
        await using var store = EntryStoreFactory.Create(new StoreOptions { Engine = StoreOptions.Postgres, PostgresConnectionString = options.Postgres });
        var loadBefore = Machine.Load();
        var at = DateTimeOffset.UtcNow;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var progress = new Progress<long>(n =>
        {
            if (clock.Elapsed - last > TimeSpan.FromSeconds(15))
            {
                last = clock.Elapsed;
                log.WriteLine($"rebuild: {n:N0} entries, {n / clock.Elapsed.TotalSeconds:N0}/s, load {Machine.Load()}");
            }
        });
        var total = await ReadModel.For(store).RebuildAsync(progress);
        clock.Stop();
        using var self = Process.GetCurrentProcess();
        var result = new Result(total, clock.Elapsed.TotalSeconds, total / clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu).TotalSeconds,
            self.PeakWorkingSet64 / 1024 / 1024, loadBefore, Machine.Load(), at);
        log.WriteLine($"rebuild: {total:N0} entries in {result.Seconds:N1} s ({result.Rate:N0} entries/s), {result.CpuSeconds:N0} s CPU in this process, peak RSS {result.PeakRssMiB:N0} MiB");
        await Results.SaveAsync(options, "rebuild", result);
        return 0;
    }
}
