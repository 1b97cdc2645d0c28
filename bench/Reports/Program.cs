using Ddl.Bench.Reports;
using Ddl.Silo.Genesis;
using Ddl.Store;
using Npgsql;

// The reports benchmark (issue 6), one phase per run; bench/Reports/run.sh runs them in turn
// (report: only render BENCHMARKS.md again from the saved figures).
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.ResultsDir);
var genesis = GenesisFiles.LoadOrCreate(options.LedgerDir);
await using (var store = EntryStoreFactory.Create(new StoreOptions { Engine = StoreOptions.Postgres, PostgresConnectionString = options.Postgres }))
{
    await store.MigrateAsync();
}

await using var db = NpgsqlDataSource.Create(options.Postgres);
switch (options.Phase)
{
    case "generate":
    {
        using var world = new LedgerWorld(genesis, options.Seed);
        var progress = await Generator.RunAsync(db, world, options.Dispensings, TimeSpan.FromMinutes(options.Minutes), options.BatchPatients,
            Console.Out, CancellationToken.None);
        Console.WriteLine($"generate: {progress.Patients:N0} patients, {progress.Dispensings:N0} dispensings, {progress.Entries:N0} entries; "
            + $"{progress.WrittenNow:N0} written in {progress.Elapsed.TotalSeconds:N0} s ({progress.WrittenNow / progress.Elapsed.TotalSeconds:N0}/s)");
        // Totals over every slice of the generation, whichever run made them.
        var before = Results.Load<GenerateTotals>(options, "generate");
        await Results.SaveAsync(options, "generate", new GenerateTotals(progress.Patients, progress.Dispensings, progress.Entries,
            (before?.Seconds ?? 0) + progress.Elapsed.TotalSeconds, (before?.Written ?? 0) + progress.WrittenNow, (before?.Slices ?? 0) + 1,
            [.. before?.Loads ?? [], Machine.Load()], before?.Started ?? DateTimeOffset.UtcNow - progress.Elapsed, DateTimeOffset.UtcNow));
        // Exit code 3: more to generate (run.sh runs this phase again).
        return progress.Done ? 0 : 3;
    }
    case "rebuild":
        return await RebuildPhase.RunAsync(options, Console.Out);
    case "measure":
        return await MeasurePhase.RunAsync(options, Console.Out);
    case "report":
        // Renders the section again from the saved figures, without measuring.
        var measured = Results.Load<MeasurePhase.Result>(options, "measure") ?? throw new InvalidOperationException("Nothing measured yet.");
        BenchmarksFile.WriteSection(options.Output, "reports", Report.Render(options with { Command = measured.Command }, measured,
            Results.Load<GenerateTotals>(options, "generate"), Results.Load<RebuildPhase.Result>(options, "rebuild"),
            Results.Load<List<RunSummary>>(options, "history") ?? []));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown phase '{options.Phase}': generate, rebuild or measure.");
        return 2;
}
