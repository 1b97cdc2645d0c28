using Ddl.Bench.Feeds;

// The live-feeds benchmark: commit-to-subscriber latency with N WebSocket subscribers at R events/s,
// written into the feeds section of BENCHMARKS.md. SQLite by default; --postgres (or
// DDL_BENCH_POSTGRES) runs the ledger on PostgreSQL.
var options = BenchOptions.Parse(args);
var started = DateTimeOffset.UtcNow;
var machine = Machine.Describe();
var loadBefore = Machine.Load();
var store = options.Postgres is null ? "SQLite (embedded)" : "PostgreSQL";
Console.WriteLine($"{machine.Cpu}, {machine.Cores} cores, {machine.Memory}; {store}; load {loadBefore}");

var results = new List<FeedRun.Result>();
using var commits = new CommitClock();
await using (var ledger = await LedgerUnderTest.StartAsync(options.Postgres))
{
    var scenario = await Scenario.CreateAsync(ledger, options.Subscribers);
    if (options.Runs("pharmacies"))
    {
        results.Add(await FeedRun.RunAsync(ledger, scenario, FeedRun.Pharmacies(scenario), options, commits, Console.Out));
    }

    if (options.Runs("regulators"))
    {
        results.Add(await FeedRun.RunAsync(ledger, scenario, FeedRun.Regulators(options.Subscribers), options, commits, Console.Out));
    }
}

foreach (var r in results)
{
    Console.WriteLine($"[{r.Name}] delivered {r.Delivered:N0} of {r.Expected:N0}; writer {r.AchievedRate:N0}/s; "
        + $"from commit p50 {r.FromCommit.Median:0.0} ms, p99 {r.FromCommit.P99:0.0} ms, max {r.FromCommit.Max:0.0} ms; "
        + $"from submit p50 {r.FromSubmit.Median:0.0}, p99 {r.FromSubmit.P99:0.0}; ended: {string.Join("; ", r.Ended)}");
}

BenchmarksFile.WriteSection(options.Output, Report.Render(machine, options, store, started, loadBefore, Machine.Load(), results));
Console.WriteLine($"Wrote the feeds section of {options.Output}.");
