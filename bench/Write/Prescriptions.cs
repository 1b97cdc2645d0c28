using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store.Reports;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Bench.Write;

/// <summary>
/// The clinical write path through the grains: prescriptions issued by a medical centre, then
/// dispensed by a pharmacy. The other commands write notes, which the read model does not keep;
/// here every client entry is one it keeps, and each issue brings the work the ledger does itself:
/// the link work item and the expiry in ddl_schedule, and the link entry on the patient's chain,
/// written before the issue is acknowledged. Each phase is timed to its last acknowledgement, then
/// to the moment the read model has projected every entry of it.
/// </summary>
public static class PrescriptionsBench
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(Options o)
    {
        int count = o.Int("prescriptions", 10_000), concurrency = o.Int("concurrency", 1000), repeats = o.Int("repeats", 3);
        await using var ledger = await BenchLedger.StartAsync();
        var centre = await ledger.RegisterInstitutionAsync("medical_centre");
        var pharmacy = await ledger.RegisterInstitutionAsync("pharmacy");
        await Commands.WarmUpAsync(ledger, centre.Id, centre.Key);
        await RoundAsync(ledger, centre, pharmacy, 2_000, concurrency, "warm" + Guid.NewGuid().ToString("N")[..6]);

        var issues = new List<Sample>();
        var dispensings = new List<Sample>();
        for (var r = 0; r < repeats; r++)
        {
            var (issued, dispensed) = await RoundAsync(ledger, centre, pharmacy, count, concurrency, $"x{r}{Guid.NewGuid():N}"[..8]);
            issues.Add(issued);
            dispensings.Add(dispensed);
        }

        var issue = Commands.MedianRun(issues);
        var dispense = Commands.MedianRun(dispensings);
        Report.Write("prescriptions", $"Prescriptions through the grains, {count:N0} per round", Commands.Cmd("prescriptions", o),
        [
            new($"prescriptions issued/s ({concurrency} in flight; each writes 2 entries: the prescription and the patient's link)",
                Report.Rate(Stats.Median(issues.Select(s => count / s.Seconds).ToList())), Report.Ms(issue.P99Ms) + $" (p50 {issue.P50Ms:0.0} ms)",
                "—", $"{Stats.Median(issues.Select(s => s.Ratio).ToList()):0.00} ({Report.Rate(Stats.Median(issues.Select(s => s.Rate).ToList()))} entries; ceiling {Report.Rate(Stats.Median(issues.Select(s => s.CeilingRate).ToList()))})", "—"),
            new("read model caught up, after the last issue was acknowledged", $"{Stats.Median(issues.Select(s => s.SettledMs).ToList()):N0} ms", "—", "—", "—", "—"),
            new($"dispensings/s ({concurrency} in flight, one entry each)",
                Report.Rate(Stats.Median(dispensings.Select(s => s.Rate).ToList())), Report.Ms(dispense.P99Ms) + $" (p50 {dispense.P50Ms:0.0} ms)",
                "—", $"{Stats.Median(dispensings.Select(s => s.Ratio).ToList()):0.00} (ceiling {Report.Rate(Stats.Median(dispensings.Select(s => s.CeilingRate).ToList()))})", "—"),
            new("read model caught up, after the last dispensing was acknowledged", $"{Stats.Median(dispensings.Select(s => s.SettledMs).ToList()):N0} ms", "—", "—", "—", "—"),
        ], Commands.Details($"{repeats} issuing runs", issues).Concat(Commands.Details($"{repeats} dispensing runs", dispensings)));
    }

    /// <summary>Issues count prescriptions on fresh chains (two per patient), then dispenses each in full.</summary>
    private static async Task<(Sample Issued, Sample Dispensed)> RoundAsync(BenchLedger ledger, (string Id, SigningKey Key) centre,
        (string Id, SigningKey Key) pharmacy, int count, int concurrency, string tag)
    {
        var chains = Enumerable.Range(0, count).Select(i => $"prescription:b{tag}-{i}").ToArray();
        var refs = chains.Select(id => ledger.Grains.GetChain(id)).ToArray();
        var (issue, dispense) = Presign(centre, pharmacy, chains, tag);
        var issued = await Measure.RunAsync($"issue {count} prescriptions", ledger, count, concurrency, 2,
            i => refs[i].SubmitAsync(issue[i]), settle: () => ProjectedAsync(ledger));
        var dispensed = await Measure.RunAsync($"dispense {count} prescriptions", ledger, count, concurrency, 1,
            i => refs[i].SubmitAsync(dispense[i]), settle: () => ProjectedAsync(ledger));
        return (issued, dispensed);
    }

    /// <summary>Client signing is the client's cost: every submission is signed before timing.</summary>
    private static (SignedSubmission[] Issue, SignedSubmission[] Dispense) Presign(
        (string Id, SigningKey Key) centre, (string Id, SigningKey Key) pharmacy, string[] chains, string tag)
    {
        var issue = new SignedSubmission[chains.Length];
        var dispense = new SignedSubmission[chains.Length];
        var at = DateTimeOffset.UtcNow;
        var validUntil = LedgerTime.Format(at.AddDays(30));
        Parallel.For(0, chains.Length, i =>
        {
            issue[i] = TestLedger.Sign(centre.Key, centre.Id, chains[i], "prescription.issued", new JsonObject
            {
                ["patient"] = $"patient:b{tag}-{i / 2}",
                ["validUntil"] = validUntil,
                ["items"] = new JsonArray(new JsonObject
                {
                    ["drug"] = Drug(), ["dose"] = "1 tablet once daily, in the evening", ["quantity"] = 28, ["unit"] = "tablet",
                }),
            }, nonce: $"{tag}-i{i}", at: at);
            dispense[i] = TestLedger.Sign(pharmacy.Key, pharmacy.Id, chains[i], "prescription.dispensed", new JsonObject
            {
                ["item"] = 0, ["issue"] = 1, ["quantity"] = 28, ["unit"] = "tablet", ["product"] = Drug(), ["batch"] = "B" + (i % 997),
            }, nonce: $"{tag}-d{i}", at: at);
        });
        return (issue, dispense);
    }

    private static JsonObject Drug() => new() { ["atc"] = "C10AA05", ["name"] = "Atorvastatin 20 mg tablets" };

    /// <summary>Waits until the read model owes nothing (its own count of the projector's queue).</summary>
    private static async Task ProjectedAsync(BenchLedger ledger)
    {
        var model = ledger.Services.GetRequiredService<ReadModel>();
        var limit = DateTime.UtcNow + CatchUpLimit;
        while (await model.PendingAsync() > 0)
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"The read model had not caught up {CatchUpLimit.TotalMinutes:0} minutes after the run.");
            }

            await Task.Delay(5);
        }
    }
}
