namespace Ddl.Bench.Feeds;

/// <summary>The command line: <c>--subscribers N --rate R --seconds S --warmup W --scenario pharmacies|regulators|both --postgres CONN --output FILE</c>.</summary>
public sealed record BenchOptions(int Subscribers, int Rate, int Seconds, int Warmup, string Scenario, string? Postgres, string Output, string Command)
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
        var command = "dotnet run -c Release --project bench/Feeds --" + string.Concat(args
            .Select((a, i) => i > 0 && args[i - 1] == "--postgres" ? " '<connection string>'" : " " + a));
        return new BenchOptions(Int("subscribers", 100), Int("rate", 1000), Int("seconds", 20), Int("warmup", 3), scenario,
            string.IsNullOrWhiteSpace(postgres) ? null : postgres,
            values.GetValueOrDefault("output") ?? Path.Combine(BenchmarksFile.RepositoryRoot(), "BENCHMARKS.md"), command);
    }

    public bool Runs(string name) => Scenario == name || Scenario == "both";
}
