using System.Diagnostics;
using Ddl.Store;
using Npgsql;

namespace Ddl.Bench.Reports;

/// <summary>
/// Fills the database with patients' stories until it holds the dispensings asked for. Patients
/// go in batches, each one transaction; both cores sign (one batch each) while the previous batch
/// is copied. Within a batch the entries are written in time order, so a patient's entries are
/// spread over the batch as over a real ledger's history rather than stored side by side.
/// Resumable: batches commit whole and in patient order, so the last patient in the database is
/// where the previous run stopped; a time budget makes each run short.
/// </summary>
public static class Generator
{
    public sealed record Progress(long Patients, long Dispensings, long Entries, bool Done, TimeSpan Elapsed, long WrittenNow);

    public static async Task<Progress> RunAsync(NpgsqlDataSource db, LedgerWorld world, long targetDispensings, TimeSpan budget,
        int batchPatients, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (await ScalarAsync(db, "SELECT COUNT(*) FROM ddl_entries WHERE chain >= 'institution:' AND chain < 'institution;'", ct) == 0)
        {
            var registrations = new EntrySigner(world, new Random(world.Seed)).Sign(world.Registrations(PatientStory.Start.AddDays(-30)));
            await EntryCopy.WriteAsync(db, registrations, ct);
            log.WriteLine($"generate: registered {registrations.Count:N0} institutions");
        }

        var next = await NextPatientAsync(db, ct);
        long dispensings = 0;
        for (long p = 0; p < next; p++)
        {
            dispensings += PatientStory.Plan(world.Seed, p).Count(e => e.IsDispensing);
        }

        log.WriteLine($"generate: resuming at patient {next:N0} ({dispensings:N0} dispensings already written)");
        long written = 0;
        var pending = new Queue<Task<(long Last, long Dispensings, List<StoredEntry> Rows)>>();
        var planned = next;
        Task<(long, long, List<StoredEntry>)> Batch(long first)
        {
            return Task.Run(() =>
            {
                var plans = new List<PlannedEntry>();
                long n = 0, p = first;
                for (; p < first + batchPatients; p++)
                {
                    var story = PatientStory.Plan(world.Seed, p);
                    n += story.Count(e => e.IsDispensing);
                    plans.AddRange(story);
                }

                var ordered = plans.OrderBy(e => e.At).ToList();
                var rows = new EntrySigner(world, new Random(unchecked((int)(first * 2_654_435_761L) ^ world.Seed))).Sign(ordered);
                return (p - 1, n, rows);
            }, ct);
        }

        // A batch overshoots the target by at most one batch of patients.
        long plannedDispensings = dispensings;
        while (true)
        {
            while (pending.Count < 2 && plannedDispensings < targetDispensings && clock.Elapsed < budget)
            {
                var first = planned;
                pending.Enqueue(Batch(first));
                planned += batchPatients;
                // Estimated (the exact count comes with the batch): about 11 dispensings per patient.
                plannedDispensings += batchPatients * 11L;
            }

            if (pending.Count == 0)
            {
                break;
            }

            var (last, n, rows) = await pending.Dequeue();
            await EntryCopy.WriteAsync(db, rows, ct);
            dispensings += n;
            written += rows.Count;
            log.WriteLine($"generate: patients to {last + 1:N0}, {dispensings:N0} dispensings, +{rows.Count:N0} entries, "
                + $"{written / clock.Elapsed.TotalSeconds:N0} entries/s, load {Machine.Load()}");
            if (dispensings >= targetDispensings)
            {
                // Batches signed beyond the target are dropped unwritten.
                pending.Clear();
                break;
            }
        }

        var total = await ScalarAsync(db, "SELECT COALESCE(MAX(position), 0) FROM ddl_entries", ct);
        return new Progress(await NextPatientAsync(db, ct), dispensings, total, dispensings >= targetDispensings, clock.Elapsed, written);
    }

    private static async Task<long> NextPatientAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT MAX(chain) FROM ddl_entries WHERE chain >= 'patient:p' AND chain < 'patient:q'");
        var last = await command.ExecuteScalarAsync(ct);
        return last is string id ? long.Parse(id["patient:p".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1 : 0;
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
