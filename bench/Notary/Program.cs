using Ddl.Bench.Notary;

// The notary benchmark: seal time, proof latency at a large log, seal lag at a steady write rate.
// Writes its figures into the notary section of BENCHMARKS.md. Usually run through run.sh, which
// starts a throwaway PostgreSQL and passes its connection string in DDL_BENCH_POSTGRES.
var options = BenchOptions.Parse(args);
var started = DateTimeOffset.UtcNow;
var machine = await Machine.DescribeAsync(options.Postgres);
Console.WriteLine($"{machine.Cpu}, {machine.Cores} cores, {machine.Memory}; {machine.Postgres}; load {machine.LoadAverage}");

SealBench.Result? seal = null;
ProofBench.Result? proofs = null;
LagBench.Result? lag = null;
if (options.Runs("seal"))
{
    seal = await SealBench.RunAsync(options.Postgres, options.SealRuns, Console.Out);
    Console.WriteLine($"seal of 100,000: median {seal.Warm.Median:0} ms, p99 {seal.Warm.P99:0} ms (cold first seal {seal.ColdMs:0} ms)");
}
if (options.Runs("lag"))
{
    lag = await LagBench.RunAsync(options.Postgres, options.Rate, TimeSpan.FromSeconds(options.LagSeconds), Console.Out);
    Console.WriteLine($"lag at {lag.AchievedRate:0}/s: median {lag.Lag.Median:0} ms, p99 {lag.Lag.P99:0} ms");
}
if (options.Runs("proofs"))
{
    proofs = await ProofBench.RunAsync(options.Postgres, options.Leaves, options.Samples, Console.Out);
    Console.WriteLine($"proofs at {proofs.Size:N0}: inclusion p50 {proofs.Inclusion.Median:0.00} / p99 {proofs.Inclusion.P99:0.00} ms, "
        + $"consistency p50 {proofs.Consistency.Median:0.00} / p99 {proofs.Consistency.P99:0.00} ms");
}

var section = Report.Render(machine, options.Command, started, Machine.Load(), seal, proofs, lag, options.Leaves);
BenchmarksFile.WriteSection(options.Output, "notary", section);
Console.WriteLine($"Wrote the notary section of {options.Output}.");
