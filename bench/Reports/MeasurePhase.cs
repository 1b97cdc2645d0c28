using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;

namespace Ddl.Bench.Reports;

/// <summary>
/// Measures the reports through the real GraphQL API of a running host: a patient's treatment
/// report (their own dev token, one random patient per request), the regulator's year of one ATC
/// level-3 class by region and month, other aggregates and the public statistics. Latency is
/// client-side wall time of the HTTP request, loopback, one request at a time unless stated.
/// </summary>
public static class MeasurePhase
{
    public sealed record Case(string Name, string Group, Stats Times, double ColdMs, int Rows);

    public sealed record Result(
        string Command, DateTimeOffset At, Machine Machine, string LoadAfter, Dataset Data, double PatientColdMs, Stats Patient, Stats PatientConcurrent,
        double ConcurrentRate, int Concurrency, double DispensingsPerReport, double PrescriptionsPerReport, int MaxDispensingsPerReport,
        List<Case> Cases, Dictionary<string, string> Plans);

    public sealed record Dataset(long Entries, long Dispensings, long Prescriptions, long Patients, long Institutions, string EntriesSize, string ReadModelSize,
        string DatabaseSize);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter log)
    {
        var machine = await Machine.DescribeAsync(options.Postgres);
        log.WriteLine($"measure: {machine.Cpu}, {machine.Cores} cores, {machine.Memory}; {machine.Postgres}; load {machine.LoadAverage}");
        await using var db = NpgsqlDataSource.Create(options.Postgres);
        var data = await DescribeAsync(db);
        log.WriteLine($"measure: {data.Entries:N0} entries, {data.Dispensings:N0} dispensings, {data.Patients:N0} patients; entries {data.EntriesSize}, read model {data.ReadModelSize}");
        var plans = await PlansAsync(db);
        var at = DateTimeOffset.UtcNow;

        await using var host = await LedgerHost.StartAsync(options.LedgerDir, options.Postgres);
        var random = new Random(options.Seed);
        string PatientToken() => host.Token(PatientStory.PatientId(random.NextInt64(data.Patients)), "patient");

        // The first request pays for JIT, the GraphQL schema and the connection pool.
        var cold = await TimeAsync(() => host.QueryAsync(Queries.TreatmentReport, [], PatientToken()));
        for (var i = 0; i < 200; i++)
        {
            await host.QueryAsync(Queries.TreatmentReport, [], PatientToken());
        }

        var times = new List<double>();
        long dispensings = 0, prescriptions = 0;
        var most = 0;
        for (var i = 0; i < options.PatientSamples; i++)
        {
            var token = PatientToken();
            JsonNode? answer = null;
            times.Add(await TimeAsync(async () => answer = await host.QueryAsync(Queries.TreatmentReport, [], token)));
            var report = answer!["treatmentReport"]!["prescriptions"]!.AsArray();
            prescriptions += report.Count;
            var n = report.Sum(p => p!["dispensings"]!.AsArray().Count);
            dispensings += n;
            most = Math.Max(most, n);
        }

        var patient = new Stats(times);
        log.WriteLine($"measure: treatmentReport p50 {patient.Median:0.0} ms, p99 {patient.P99:0.0} ms over {patient.Count} patients "
            + $"({(double)dispensings / patient.Count:0.0} dispensings each on average, at most {most}); load {Machine.Load()}");

        const int concurrency = 8;
        var tokens = Enumerable.Range(0, options.PatientSamples).Select(_ => PatientToken()).ToArray();
        var concurrent = new System.Collections.Concurrent.ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (token, _) => concurrent.Add(await TimeAsync(() => host.QueryAsync(Queries.TreatmentReport, [], token))));
        var rate = tokens.Length / clock.Elapsed.TotalSeconds;
        var patientConcurrent = new Stats(concurrent);
        log.WriteLine($"measure: treatmentReport, {concurrency} at a time: {rate:N0}/s, p50 {patientConcurrent.Median:0.0} ms, p99 {patientConcurrent.P99:0.0} ms");

        var regulator = host.Token("institution:regulator", "regulator");
        var cases = new List<Case>();
        async Task Measure(string name, string group, string query, JsonObject variables, string? token)
        {
            var rows = 0;
            var coldMs = await TimeAsync(async () => rows = Rows(await host.QueryAsync(query, variables, token)));
            var samples = new List<double>();
            for (var i = 0; i < options.AggregateSamples; i++)
            {
                samples.Add(await TimeAsync(() => host.QueryAsync(query, variables, token)));
            }

            var stats = new Stats(samples);
            cases.Add(new Case(name, group, stats, coldMs, rows));
            log.WriteLine($"measure: {name}: first {coldMs:0} ms, median {stats.Median:0} ms, max {stats.Max:0} ms ({rows} rows); load {Machine.Load()}");
        }

        var classes = Formulary.Classes;
        foreach (var year in new[] { "2024", "2025" })
        {
            foreach (var atc3 in new[] { classes[0], classes[1], classes[2], classes[classes.Count / 2], classes[^1] })
            {
                await Measure($"{atc3}, {year}, by region and month", "class-year", Queries.Aggregate, Filter(year, atc3, ["REGION", "MONTH"]), regulator);
            }
        }

        await Measure("every dispensing of 2025 by ATC level 3 and region", "other",
            Queries.Aggregate, Filter("2025", null, ["ATC3", "REGION"]), regulator);
        await Measure("controlled drugs (schedule UK-2) in 2025 by pharmacy, most first, first 100", "other", Queries.Aggregate, new JsonObject
        {
            ["filter"] = new JsonObject { ["from"] = "2025-01-01", ["to"] = "2025-12-31", ["schedule"] = "UK-2" },
            ["groupBy"] = new JsonArray("INSTITUTION"), ["orderBy"] = "COUNT", ["descending"] = true, ["first"] = 100,
        }, regulator);
        await Measure("one month (2025-06), every drug by region", "other", Queries.Aggregate, new JsonObject
        {
            ["filter"] = new JsonObject { ["from"] = "2025-06-01", ["to"] = "2025-06-30" }, ["groupBy"] = new JsonArray("DRUG", "REGION"), ["first"] = 1000,
        }, regulator);
        await Measure("one pharmacy over the whole ledger, by month", "other", Queries.Aggregate, new JsonObject
        {
            ["filter"] = new JsonObject { ["institution"] = LedgerWorld.PharmacyId(7) }, ["groupBy"] = new JsonArray("MONTH"), ["first"] = 1000,
        }, regulator);
        await Measure("one region, one ATC level-2 group (N02), 2024-2026, by week", "other", Queries.Aggregate, new JsonObject
        {
            ["filter"] = new JsonObject { ["region"] = LedgerWorld.RegionOf(3), ["atcPrefix"] = "N02" }, ["groupBy"] = new JsonArray("WEEK"), ["first"] = 1000,
        }, regulator);
        await Measure("publicStatistics, one month (2025-06)", "statistics", Queries.Statistics, new JsonObject { ["from"] = "2025-06", ["to"] = "2025-06" }, null);
        await Measure("publicStatistics, one year (2025-01 to 2025-12)", "statistics", Queries.Statistics, new JsonObject { ["from"] = "2025-01", ["to"] = "2025-12" }, null);

        var result = new Result(options.Command, at, machine, Machine.Load(), data, cold, patient, patientConcurrent, rate, concurrency,
            (double)dispensings / patient.Count, (double)prescriptions / patient.Count, most, cases, plans);
        await Results.SaveAsync(options, "measure", result);
        var classYear = cases.Where(c => c.Group == "class-year").ToList();
        var history = Results.Load<List<RunSummary>>(options, "history") ?? [];
        history.Add(new RunSummary(at, options.Code, machine.LoadAverage, result.LoadAfter, patient.Median, patient.P99,
            classYear.Max(c => c.Times.Median), classYear.Max(c => Math.Max(c.ColdMs, c.Times.Max))));
        await Results.SaveAsync(options, "history", history);
        BenchmarksFile.WriteSection(options.Output, "reports", Report.Render(options, result, Results.Load<GenerateTotals>(options, "generate"),
            Results.Load<RebuildPhase.Result>(options, "rebuild"), history));
        log.WriteLine($"measure: wrote the reports section of {options.Output}");
        return 0;
    }

    private static JsonObject Filter(string year, string? atcPrefix, string[] groupBy)
    {
        var filter = new JsonObject { ["from"] = year + "-01-01", ["to"] = year + "-12-31" };
        if (atcPrefix is not null)
        {
            filter["atcPrefix"] = atcPrefix;
        }

        return new JsonObject { ["filter"] = filter, ["groupBy"] = new JsonArray([.. groupBy.Select(g => (JsonNode)g)]), ["first"] = 1000 };
    }

    private static int Rows(JsonNode data) => data["distributionAggregate"] is { } aggregate
        ? aggregate["rows"]!.AsArray().Count
        : data["publicStatistics"]!.AsArray().Sum(m => m!["cells"]!.AsArray().Count);

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<Dataset> DescribeAsync(NpgsqlDataSource db)
    {
        async Task<string> Text(string sql)
        {
            await using var command = db.CreateCommand(sql);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        var lastPatient = await Text("SELECT MAX(chain) FROM ddl_entries WHERE chain >= 'patient:p' AND chain < 'patient:q'");
        return new Dataset(
            await Generator.ScalarAsync(db, "SELECT COUNT(*) FROM ddl_entries", default),
            await Generator.ScalarAsync(db, "SELECT COUNT(*) FROM rm_dispensings", default),
            await Generator.ScalarAsync(db, "SELECT COUNT(*) FROM rm_prescriptions", default),
            long.Parse(lastPatient["patient:p".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1,
            await Generator.ScalarAsync(db, "SELECT COUNT(*) FROM rm_institutions", default),
            await Text("SELECT pg_size_pretty(pg_total_relation_size('ddl_entries'))"),
            await Text("""
                SELECT pg_size_pretty(SUM(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND c.relname LIKE 'rm\_%' AND n.nspname = current_schema()
                """),
            await Text("SELECT pg_size_pretty(pg_database_size(current_database()))"));
    }

    /// <summary>The plans PostgreSQL chooses for the statements AggregateSql and PublicStatistics make (same text, values inlined).</summary>
    private static async Task<Dictionary<string, string>> PlansAsync(NpgsqlDataSource db)
    {
        var statements = new Dictionary<string, string>
        {
            ["class-year"] = """
                SELECT k0, k1, CAST(COALESCE(SUM(g.n), 0) AS bigint) AS n, CAST(COALESCE(SUM(g.q), 0) AS bigint) AS q, COUNT(*) AS pt,
                    COUNT(*) OVER () AS groups FROM (
                    SELECT ph.region AS k0, d.month AS k1, d.patient AS p, COUNT(*) AS n, SUM(d.quantity) AS q
                    FROM rm_dispensings d LEFT JOIN rm_institutions ph ON ph.id = d.pharmacy
                    WHERE 1 = 1 AND d.day >= '2025-01-01' AND d.day <= '2025-12-31' AND substr(d.atc, 1, 4) = 'C10A'
                    GROUP BY ph.region, d.month, d.patient) g
                GROUP BY k0, k1 ORDER BY k0 IS NOT NULL, k0, k1 IS NOT NULL, k1 LIMIT 1000 OFFSET 0
                """,
            ["statistics-month"] = """
                SELECT d.month, substr(d.atc, 1, 4), ph.region, COUNT(*)
                FROM rm_dispensings d JOIN rm_institutions ph ON ph.id = d.pharmacy
                WHERE d.atc IS NOT NULL AND d.day >= '2025-06-01' AND d.day <= '2025-06-30'
                GROUP BY d.month, substr(d.atc, 1, 4), ph.region
                """,
            ["patient-dispensings"] = """
                SELECT d.chain, d.seq, d.hash, d.item, d.issue, d.quantity, d.unit, d.product_atc, d.product_national, d.product_name, d.batch, d.atc,
                    d.schedule, d.pharmacy, ph.name, d.prescriber, d.patient, d.at
                FROM rm_dispensings d LEFT JOIN rm_institutions ph ON ph.id = d.pharmacy
                WHERE d.patient = 'patient:p0012345' ORDER BY d.chain, d.seq
                """,
        };
        var plans = new Dictionary<string, string>();
        foreach (var (name, sql) in statements)
        {
            await using var command = db.CreateCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql);
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }

            plans[name] = string.Join("\n", lines);
        }

        return plans;
    }
}
