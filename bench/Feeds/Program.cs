using Ddl.Bench.Feeds;
using Machine = Ddl.Bench.Feeds.Machine; // this benchmark describes the machine without a database

// The live-feeds benchmark: commit-to-subscriber latency with N WebSocket subscribers at R events/s,
// written into the feeds section of BENCHMARKS.md. On SQLite (the embedded mode), and also on
// PostgreSQL (the cluster mode) when --postgres (or DDL_BENCH_POSTGRES) names a database.
var options = BenchOptions.Parse(args);
var started = DateTimeOffset.UtcNow;
var machine = Machine.Describe();
var loadBefore = Machine.Load();
Console.WriteLine($"{machine.Cpu}, {machine.Cores} cores, {machine.Memory}; load {loadBefore}");

var results = new List<FeedRun.Result>();
using var commits = new CommitClock();
var runs = new List<(string Store, string? Postgres, int MinThreads)> { ("SQLite", null, 0) };
if (options.Postgres is not null)
{
    runs.Add(("PostgreSQL", options.Postgres, 0));
}

if (options.MinThreads > 0)
{
    runs.Add(($"SQLite, thread pool min {options.MinThreads}", null, options.MinThreads));
}

foreach (var (store, postgres, minThreads) in runs)
{
    if (minThreads > 0)
    {
        ThreadPool.GetMinThreads(out _, out var io);
        ThreadPool.SetMinThreads(minThreads, io);
    }

    await using var ledger = await LedgerUnderTest.StartAsync(postgres);
    var scenario = await Scenario.CreateAsync(ledger, options.Prescriptions);
    if (options.Runs("pharmacies"))
    {
        results.Add(await FeedRun.RunAsync(ledger, store, scenario, FeedRun.Pharmacies(scenario, options.Subscribers, options.Rate), options, commits, Console.Out));
    }

    if (options.Runs("regulators"))
    {
        results.Add(await FeedRun.RunAsync(ledger, store, scenario, FeedRun.Regulators(options.Subscribers, options.RegulatorRate), options, commits, Console.Out));
    }
}

foreach (var r in results)
{
    Console.WriteLine($"[{r.Name}, {r.Store}] delivered {r.Delivered:N0} of {r.Expected:N0}; writer {r.AchievedRate:N0}/s; "
        + $"from commit p50 {r.FromCommit.Median:0.0} ms, p99 {r.FromCommit.P99:0.0} ms, max {r.FromCommit.Max:0.0} ms; "
        + $"from submit p50 {r.FromSubmit.Median:0.0}, p99 {r.FromSubmit.P99:0.0}; {r.CoresUsed:0.00} cores busy; ended: {string.Join("; ", r.Ended)}");
}

BenchmarksFile.WriteSection(options.Output, "feeds", Report.Render(machine, options, started, loadBefore, Machine.Load(), results));
Console.WriteLine($"Wrote the feeds section of {options.Output}.");
