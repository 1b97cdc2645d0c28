using System.Collections.Concurrent;
using System.Diagnostics;
using Ddl.Bench.Chaos;

// The chaos run's load client; scripts/chaos.sh starts it, kills and restarts a silo meanwhile, and
// writes the kill time into --kill-file. Exit 0 only when every check holds.
var options = Options.Parse(args);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds) };
var silos = options.Endpoints.Select(e => new Gql(http, e)).ToList();
var problems = new List<string>();

var (institution, key) = await Setup.RegisterInstitutionAsync(options.DataDir, silos[0]);
var writeToken = Tokens.Mint(options.DataDir, institution, "medical_centre");
var readToken = Tokens.Mint(options.DataDir, "institution:chaos-regulator", "regulator");
await File.WriteAllTextAsync(Path.Combine(options.OutDir, "read.token"), readToken);

var run = Guid.NewGuid().ToString("N")[..8];
var clock = Stopwatch.StartNew();
var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
var failures = new ConcurrentQueue<Failure>();
var writers = Enumerable.Range(0, options.Chains)
    .Select(i => new ChainWriter($"patient:chaos-{run}-{i}", institution, key, writeToken, silos, clock, failures)).ToList();

using var stopWriting = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
// Past this, a writer stuck retrying gives up: the run must end within the CI budget.
using var hardStop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds + options.RequestTimeoutSeconds + 30));
Console.WriteLine($"[chaos] {writers.Count} chains, {silos.Count} silos, {options.Seconds} s of writes (one every {options.PaceMs} ms per chain)");
await Task.WhenAll(writers.Select((w, i) => Task.Run(() => w.RunAsync(i, TimeSpan.FromMilliseconds(options.PaceMs), stopWriting.Token, hardStop.Token))));
var wrote = clock.Elapsed.TotalSeconds;

var report = new Report(writers, failures.ToList(), wrote, problems);
report.Failover(Setup.ReadKillTime(options.KillFile) - startedAt);
report.Errors();

// Reads go to the first silo: chaos.sh never kills it, so they measure the data, not the failover.
var checks = new Checks(silos[0], readToken, problems);
var leaves = new HashSet<long>();
foreach (var writer in writers)
{
    var entries = await checks.ChainAsync(writer, CancellationToken.None);
    await checks.ProofsAsync(writer.Chain, entries, leaves, TimeSpan.FromSeconds(30), CancellationToken.None);
}
Console.WriteLine($"[chaos] read back {writers.Count} chains, {leaves.Count} sealed entries, each with an inclusion proof");

await File.WriteAllLinesAsync(Path.Combine(options.OutDir, "chains.txt"), writers.Select(w => w.Chain));
return report.Finish(Path.Combine(options.OutDir, "summary.txt"));
