using System.Text.Json;

namespace Ddl.Bench.Reports;

/// <summary>Each phase's figures, kept in the benchmark's folder so that the report can name them all, whichever run made them.</summary>
public static class Results
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task SaveAsync<T>(BenchOptions options, string phase, T result) =>
        await File.WriteAllTextAsync(Path.Combine(options.ResultsDir, phase + ".json"), JsonSerializer.Serialize(result, Json));

    public static T? Load<T>(BenchOptions options, string phase) where T : class
    {
        var path = Path.Combine(options.ResultsDir, phase + ".json");
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path)) : null;
    }
}

/// <summary>The generation over all its slices: what the database holds, and the time spent writing it.</summary>
public sealed record GenerateTotals(long Patients, long Dispensings, long Entries, double Seconds, long Written, int Slices,
    List<string> Loads, DateTimeOffset Started, DateTimeOffset Finished);

/// <summary>
/// The headline of one measurement, kept for every run on the same ledger: on a shared machine
/// one run's figures depend on the load of the moment, and the runs together show how much.
/// </summary>
public sealed record RunSummary(DateTimeOffset At, string Code, string LoadBefore, string LoadAfter, double PatientP50, double PatientP99,
    double ClassYearWorstMedian, double ClassYearSlowest);
