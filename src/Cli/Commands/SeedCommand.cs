using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

/// <summary>
/// Fills a running ledger with a realistic synthetic history through the real write path: the
/// registry authority registers medical centres and pharmacies in several regions, centres issue
/// prescriptions (repeats, controlled drugs), pharmacies dispense them in full or in part, and
/// some are cancelled, refused or left to expire. Every entry is a signed submission sent with
/// its author's development token, in <c>submitBatch</c> calls (one author and up to 500
/// submissions each, several in flight): one submission per request managed about 30 entries/s.
/// The same --seed gives the same plan.
/// </summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The ledger's data folder: its authority key and dev-token key (default ./ddl-data or $DDL_DATA_DIR).", DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("DDL_DATA_DIR") ?? "ddl-data") };
        var prescriptions = new Option<int>("--prescriptions") { Description = "Prescriptions to issue.", DefaultValueFactory = _ => 200 };
        var patients = new Option<int>("--patients") { Description = "Patients (default: a quarter of the prescriptions).", DefaultValueFactory = _ => 0 };
        var centres = new Option<int>("--centres") { Description = "Medical centres.", DefaultValueFactory = _ => 6 };
        var pharmacies = new Option<int>("--pharmacies") { Description = "Pharmacies.", DefaultValueFactory = _ => 12 };
        var regions = new Option<int>("--regions") { Description = "Regions the institutions are spread over.", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        var parallel = new Option<int>("--parallel") { Description = "Batches (of up to 500 submissions, one author each) in flight at once.", DefaultValueFactory = _ => 4 };
        var url = CommonOptions.Url();
        var command = new Command("seed", "Fill a running ledger with a synthetic history, through GraphQL with signed submissions.")
            { data, prescriptions, patients, centres, pharmacies, regions, seed, parallel, url };
        command.SetAction(async (parse, ct) =>
        {
            var dataDir = parse.GetValue(data)!.FullName;
            var authorityFile = Path.Combine(dataDir, "keys", "authority-root.key.json");
            if (!File.Exists(authorityFile))
            {
                Console.Error.WriteLine($"{authorityFile} does not exist: name the running ledger's data folder with --data.");
                return 2;
            }

            var world = new SeedWorld(parse.GetValue(url)!, new SeedTokens(dataDir), KeyFile.Load(authorityFile), parse.GetValue(seed));
            var count = parse.GetValue(prescriptions);
            var clock = Stopwatch.StartNew();
            await world.RegisterAsync(parse.GetValue(centres), parse.GetValue(pharmacies), parse.GetValue(regions), ct);
            var patientCount = parse.GetValue(patients) is > 0 and var p ? p : Math.Max(1, count / 4);
            var plans = Enumerable.Range(0, count).Select(n => world.Plan(n, patientCount)).ToList();
            var total = plans.Sum(plan => plan.Entries);
            var done = 0;
            void Finished(int prescriptionsDone) => Progress(Interlocked.Add(ref done, prescriptionsDone), count, world.Entries, total, clock.Elapsed);

            // Centres issue (and cancel) first, then pharmacies dispense what was issued.
            await world.RunAsync([.. plans.Select(plan => plan.Centre)], parse.GetValue(parallel), Finished, ct);
            await world.RunAsync([.. plans.Select(plan => plan.Pharmacy).OfType<SeedSteps>()], parse.GetValue(parallel), Finished, ct);
            Console.Error.WriteLine();
            Console.WriteLine($"Seeded {count:N0} prescriptions for {patientCount:N0} patients: {world.Entries:N0} entries in {clock.Elapsed.TotalSeconds:N1} s.");
            return 0;
        });
        return command;
    }

    private static void Progress(int done, int total, long entries, long totalEntries, TimeSpan elapsed)
    {
        const int width = 30;
        var filled = (int)Math.Min(width, entries * width / Math.Max(totalEntries, 1));
        var bar = new StringBuilder().Append('#', filled).Append('.', width - filled);
        lock (Console.Error)
        {
            Console.Error.Write($"\rseed [{bar}] {done:N0}/{total:N0} prescriptions, {entries:N0}/{totalEntries:N0} entries, {entries / Math.Max(elapsed.TotalSeconds, 0.001):N0} entries/s   ");
        }
    }
}
