namespace Ddl.Bench.Reports;

/// <summary>
/// Command-line switches. One phase per run (run.sh runs them in turn, each under the machine's
/// benchmark lock): <c>generate</c> (resumable, stops after --minutes), <c>rebuild</c>,
/// <c>measure</c> (also writes BENCHMARKS.md).
/// </summary>
public sealed record BenchOptions(
    string Phase, string Postgres, string Data, long Dispensings, double Minutes, int BatchPatients, int Seed,
    int PatientSamples, int AggregateSamples, string Output, string Command, string Code)
{
    public string LedgerDir => Path.Combine(Data, "ledger");

    public string ResultsDir => Path.Combine(Data, "results");

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException("Name a phase first: generate, rebuild or measure.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Expected --name value pairs, found '{args[i]}'.");
            values[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 == 0)
            throw new ArgumentException($"'{args[^1]}' has no value.");

        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        var postgres = Get("postgres", Environment.GetEnvironmentVariable("DDL_BENCH_POSTGRES") ?? "");
        if (postgres.Length == 0)
            throw new ArgumentException("Name a PostgreSQL server: --postgres \"Host=…\" or DDL_BENCH_POSTGRES (bench/Reports/run.sh starts one).");
        var data = Get("data", "");
        if (data.Length == 0)
            throw new ArgumentException("Name the benchmark's folder with --data (the ledger's genesis and keys, and the results so far).");
        return new BenchOptions(
            args[0], postgres, Path.GetFullPath(data),
            long.Parse(Get("dispensings", "10000000")),
            double.Parse(Get("minutes", "13"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("batch-patients", "4000")),
            int.Parse(Get("seed", "6")),
            int.Parse(Get("patient-samples", "2000")),
            int.Parse(Get("aggregate-samples", "5")),
            Get("out", Path.Combine(BenchmarksFile.RepositoryRoot(), "BENCHMARKS.md")),
            Get("command", "bench/Reports/run.sh"),
            // What the run measured, in words, for the list of runs on the same ledger.
            Get("code", "the code of this run"));
    }
}
