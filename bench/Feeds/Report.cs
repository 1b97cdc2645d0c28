using System.Globalization;
using System.Text;

namespace Ddl.Bench.Feeds;

/// <summary>The feeds section of BENCHMARKS.md.</summary>
public static class Report
{
    public static string Render(Machine machine, BenchOptions options, DateTimeOffset started, string loadBefore, string loadAfter,
        IReadOnlyList<FeedRun.Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine("## Live feeds: commit-to-subscriber latency");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- When: {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine.Cpu}, {machine.Cores} cores (nproc), {machine.Memory}; ledger, writer and subscribers share it (one process)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1, 5, 15 min) before / after: {loadBefore} / {loadAfter}");
        text.AppendLine("- One silo (SQLite: the embedded mode; PostgreSQL: the cluster mode's store, local server); WebSocket over loopback; Release build. "
            + "The last rows repeat SQLite with the thread pool's minimum raised: the SQLite store commits synchronously (fsync on a pool thread), "
            + "which on 2 cores can starve the pool and stall everything else in the process, the feeds included: compare the rows to see whether it did "
            + "(it did at 1,000 commits/s on 2026-11-25, before the silo's runtime settings of src/Silo/SiloRuntime.props: p99 496 ms).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{options.Command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load: {options.Subscribers} subscribers; dispensings over {options.Prescriptions} prescriptions for {options.Seconds} s after {options.Warmup} s of warm-up (not counted); each subscriber selects `chain seq hash type recordedAt`");
        text.AppendLine("- Latency: from the store commit (the chain grain reports it on the `Ddl.Feeds` diagnostic source right after the append returns) "
            + "until the subscriber has read the event off its socket. \"From submit\" starts when the signed submission was handed to its chain grain: "
            + "it adds the write path (the grain's queue, its checks, the commit), for reference.");
        text.AppendLine();
        text.AppendLine("| scenario | store | events/s | deliveries/s | delivered | p50 | p99 | max | p50 from submit | p99 from submit | CPU (cores busy) | target p99 < 50 ms |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            var perSecond = r.Expected / (double)options.Seconds;
            var met = r.Delivered == r.Expected && r.FromCommit.P99 < 50 ? "met" : "missed";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name}: {r.Description} | {r.Store} | {r.Rate:N0} | {perSecond:N0} | {r.Delivered:N0} of {r.Expected:N0} | {r.FromCommit.Median:0.0} ms | {r.FromCommit.P99:0.0} ms | {r.FromCommit.Max:0.0} ms | {r.FromSubmit.Median:0.0} ms | {r.FromSubmit.P99:0.0} ms | {r.CoresUsed:0.00} | {met} |");
        }

        foreach (var r in results.Where(r => r.Failures > 0 || r.Ended.Count > 0 || Math.Abs(r.AchievedRate - r.Rate) > r.Rate * 0.05))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Name} on {r.Store}: writer achieved {r.AchievedRate:N0}/s, {r.Failures} failed writes; subscriptions ended early: {(r.Ended.Count == 0 ? "none" : string.Join("; ", r.Ended))}.");
        }

        return text.ToString();
    }
}
