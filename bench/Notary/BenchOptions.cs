namespace Ddl.Bench.Notary;

/// <summary>Command-line switches; every one has a default, so a bare run measures everything.</summary>
public sealed record BenchOptions(
    string Postgres, long Leaves, int SealRuns, int Samples, int Rate, int LagSeconds, IReadOnlySet<string> Only, string Output, string Command)
{
    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Expected --name value pairs, found '{args[i]}'.");
            values[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0)
            throw new ArgumentException($"'{args[^1]}' has no value.");

        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        var postgres = Get("postgres", Environment.GetEnvironmentVariable("DDL_BENCH_POSTGRES") ?? "");
        if (postgres.Length == 0)
            throw new ArgumentException("Name a PostgreSQL server: --postgres \"Host=…\" or DDL_BENCH_POSTGRES (bench/Notary/run.sh starts one).");
        return new BenchOptions(
            postgres,
            long.Parse(Get("leaves", "10000000")),
            int.Parse(Get("seal-runs", "7")),
            int.Parse(Get("samples", "2000")),
            int.Parse(Get("rate", "5000")),
            int.Parse(Get("lag-seconds", "60")),
            Get("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            Get("out", Path.Combine(BenchmarksFile.RepositoryRoot(), "BENCHMARKS.md")),
            Get("command", "dotnet run -c Release --project bench/Notary -- " + string.Join(' ', args)));
    }
}
