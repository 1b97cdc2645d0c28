using System.CommandLine;
using System.Diagnostics;
using Ddl.Store;
using Ddl.Store.Reports;

namespace Ddl.Cli.Commands;

/// <summary>
/// Rebuilds the read model from the entries, straight on the database (the ledger may keep
/// running: the rebuild takes the projection lock and swaps the tables in one commit).
/// </summary>
public static class ReindexCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The ledger's data folder, for SQLite (default ./ddl-data or $DDL_DATA_DIR).", DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("DDL_DATA_DIR") ?? "ddl-data") };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string instead of SQLite (or $DDL_POSTGRES).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DDL_POSTGRES") };
        var command = new Command("reindex", "Rebuild the read model (report tables) from the entries.") { data, postgres };
        command.SetAction(async (parse, ct) =>
        {
            var connection = parse.GetValue(postgres);
            var sqlite = Path.Combine(parse.GetValue(data)!.FullName, "ledger.db");
            if (connection is null && !File.Exists(sqlite))
            {
                Console.Error.WriteLine($"{sqlite} does not exist: name the data folder with --data, or a database with --postgres.");
                return 2;
            }

            await using var store = EntryStoreFactory.Create(new StoreOptions
            {
                Engine = connection is null ? StoreOptions.Sqlite : StoreOptions.Postgres, SqlitePath = sqlite, PostgresConnectionString = connection,
            });
            await store.MigrateAsync(ct);
            var clock = Stopwatch.StartNew();
            var progress = new Progress<long>(n => Console.Error.Write($"\rreindex: {n:N0} entries ({n / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0}/s)   "));
            var total = await ReadModel.For(store).RebuildAsync(progress, ct: ct);
            Console.Error.WriteLine();
            Console.WriteLine($"Rebuilt the read model from {total:N0} entries in {clock.Elapsed.TotalSeconds:N1} s ({total / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} entries/s).");
            return 0;
        });
        return command;
    }
}
