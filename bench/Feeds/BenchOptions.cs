namespace Ddl.Bench.Feeds;

/// <summary>
/// The command line: <c>--subscribers N --rate R --regulator-rate RR --seconds S --warmup W
/// --prescriptions P --scenario pharmacies|regulators|both --min-threads T --postgres CONN --output FILE</c>.
/// Dispensings go round robin over P prescriptions (default: as many as subscribers), each
/// dispensed by its own pharmacy. The regulators' run, where every event goes to every subscriber,
/// writes at RR (default R / 10: with 100 subscribers that is already 10,000 deliveries/s).
/// With T above 0 (default 32) SQLite is measured once more with the thread pool's minimum raised
/// to T worker threads: its commits block a thread each, which on a 2-core machine can starve the pool.
/// </summary>
public sealed record BenchOptions(int Subscribers, int Rate, int RegulatorRate, int Seconds, int Warmup, int Prescriptions, string Scenario,
    int MinThreads, string? Postgres, string Output, string Command)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
        var scenario = values.GetValueOrDefault("scenario", "both");
        if (scenario is not ("pharmacies" or "regulators" or "both"))
        {
            throw new ArgumentException("--scenario is pharmacies, regulators or both.");
        }

        var postgres = values.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("DDL_BENCH_POSTGRES");
        // run.sh passes the command it was given; a connection string (a password) is never written out.
        var command = values.GetValueOrDefault("command") ?? "dotnet run -c Release --project bench/Feeds --" + string.Concat(args
            .Select((a, i) => i > 0 && args[i - 1] == "--postgres" ? " '<connection string>'" : " " + a));
        var subscribers = Int("subscribers", 100);
        var prescriptions = Int("prescriptions", subscribers);
        if (prescriptions < subscribers)
        {
            throw new ArgumentException("--prescriptions cannot be fewer than --subscribers (each pharmacy subscriber follows its own).");
        }

        var rate = Int("rate", 1000);
        return new BenchOptions(subscribers, rate, Int("regulator-rate", rate / 10), Int("seconds", 20), Int("warmup", 3), prescriptions, scenario, Int("min-threads", 32),
            string.IsNullOrWhiteSpace(postgres) ? null : postgres,
            values.GetValueOrDefault("output") ?? Path.Combine(BenchmarksFile.RepositoryRoot(), "BENCHMARKS.md"), command);
    }

    public bool Runs(string name) => Scenario == name || Scenario == "both";
}
