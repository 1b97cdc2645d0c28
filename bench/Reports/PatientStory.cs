using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Bench.Reports;

/// <summary>
/// Everything that happens to one patient between <see cref="Start"/> and <see cref="End"/>, as
/// the grains would write it: a medical centre of the patient's region issues prescriptions
/// (the ledger links each to the patient's chain), a usual pharmacy dispenses them issue by issue,
/// a third of the issues in two parts; some are cancelled, refused or left to expire (the ledger
/// writes the expiry). Every rule of PrescriptionRules holds: quantities per issue, repeats,
/// minimum intervals, validity, controlled-drug windows. The same seed and patient number always
/// give the same story, so a generation can stop and resume.
/// </summary>
public static class PatientStory
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static string PatientId(long n) => $"patient:p{n:D7}";

    public static List<PlannedEntry> Plan(int seed, long patient)
    {
        // Not HashCode.Combine: its seed changes with every process, and a resumed run must retell the same stories.
        var random = new Random(unchecked((int)(patient * 2_654_435_761L) ^ (seed * 40_503) ^ 0x5eed));
        var region = random.Next(LedgerWorld.Regions);
        var centre = LedgerWorld.CentreIn(region, random);
        var pharmacies = new[] { LedgerWorld.PharmacyIn(region, random), LedgerWorld.PharmacyIn(region, random) };
        // Most patients have a few prescriptions over the period, some many (chronic conditions).
        var count = Math.Min(24, 1 + (int)(-Math.Log(1 - random.NextDouble()) * 2.3));
        var starts = Enumerable.Range(0, count)
            .Select(_ => Start + TimeSpan.FromMinutes(random.NextInt64((long)(End - Start).TotalMinutes - 60 * 24 * 30)))
            .Select(t => new DateTimeOffset(t.Year, t.Month, t.Day, 8 + random.Next(10), random.Next(60), random.Next(60), random.Next(1000), TimeSpan.Zero))
            .Order().ToList();
        var patientId = PatientId(patient);
        var entries = new List<PlannedEntry>();
        for (var k = 0; k < starts.Count; k++)
        {
            var prescriber = random.Next(10) == 0 ? LedgerWorld.CentreIn(random.Next(LedgerWorld.Regions), random) : centre;
            var pharmacy = pharmacies[random.Next(10) < 8 ? 0 : 1];
            Prescription(random, entries, patientId, $"prescription:rx{patient:D7}-{k:D2}", prescriber, pharmacy, starts[k]);
        }

        // Stable: each chain's entries keep their order, and their times grow within a chain.
        return [.. entries.OrderBy(e => e.At)];
    }

    private static void Prescription(Random random, List<PlannedEntry> entries, string patient, string rx, int centre, int pharmacy, DateTimeOffset issued)
    {
        var centreId = LedgerWorld.CentreId(centre);
        var pharmacyId = LedgerWorld.PharmacyId(pharmacy);
        var drugs = Enumerable.Range(0, random.Next(10) < 8 ? 1 : 2).Select(_ => Formulary.Pick(random)).DistinctBy(d => d.Atc).ToList();
        var controlled = drugs.Any(d => d.Schedule is "UK-2" or "UK-3" or "UK-4");
        var chronic = !controlled && drugs.All(d => d.Chronic);
        var repeats = chronic ? 5 : 0;
        var validUntil = issued + TimeSpan.FromDays(controlled ? 28 : chronic ? 182 : 30);
        var items = new JsonArray(drugs.Select(d =>
        {
            var item = new JsonObject
            {
                ["drug"] = new JsonObject { ["atc"] = d.Atc, ["name"] = d.Name }, ["dose"] = "1 " + d.Unit + " as directed", ["quantity"] = d.Quantity,
                ["unit"] = d.Unit, ["repeats"] = repeats, ["substitution"] = true, ["minIntervalDays"] = chronic ? 21 : 0,
            };
            if (d.Schedule is not null)
            {
                item["schedule"] = d.Schedule;
            }

            return (JsonNode)item;
        }).ToArray());
        entries.Add(new PlannedEntry(rx, "prescription.issued", centreId, issued, new JsonObject
        {
            ["patient"] = patient, ["items"] = items, ["validUntil"] = LedgerTime.Format(validUntil),
        }));
        entries.Add(new PlannedEntry(patient, "patient.linked", Authors.Ledger, issued.AddMilliseconds(3), new JsonObject(), rx));

        var roll = random.Next(100);
        if (roll < 3)
        {
            entries.Add(new PlannedEntry(rx, "prescription.cancelled", centreId, issued.AddHours(2 + random.Next(48)),
                new JsonObject { ["reason"] = "therapy changed" }));
            return;
        }

        if (roll < 6)
        {
            // Never collected: the ledger writes the expiry when the validity ends.
            Expire(entries, rx, validUntil);
            return;
        }

        var stopsAfter = random.Next(4) == 0 ? 1 + random.Next(repeats + 1) : repeats + 1;
        var open = false;
        for (var i = 0; i < drugs.Count; i++)
        {
            var drug = drugs[i];
            var at = issued + TimeSpan.FromHours(1 + random.Next(72));
            if (roll < 8)
            {
                entries.Add(new PlannedEntry(rx, "prescription.not_dispensed", pharmacyId, at,
                    new JsonObject { ["item"] = i, ["reason"] = "out of stock" }));
                continue;
            }

            for (var issue = 1; issue <= stopsAfter; issue++)
            {
                if (issue > 1)
                {
                    at = issued + TimeSpan.FromDays(28 * (issue - 1) + random.Next(5)) + TimeSpan.FromMinutes(random.Next(600));
                }

                if (at >= validUntil || at >= End)
                {
                    open = true;
                    break;
                }

                var first = random.Next(3) == 0 ? Math.Max(1, drug.Quantity / 2) : drug.Quantity;
                entries.Add(Dispense(rx, pharmacyId, i, issue, first, drug, at));
                if (first < drug.Quantity)
                {
                    var rest = at + TimeSpan.FromDays(1 + random.Next(3));
                    if (rest < validUntil && rest < End && (issue < stopsAfter || random.Next(2) == 0))
                    {
                        entries.Add(Dispense(rx, pharmacyId, i, issue, drug.Quantity - first, drug, rest));
                    }
                    else
                    {
                        open = true;
                        break;
                    }
                }
            }

            if (stopsAfter < repeats + 1)
            {
                open = true;
            }
        }

        if (open && validUntil < End)
        {
            Expire(entries, rx, validUntil);
        }
    }

    private static void Expire(List<PlannedEntry> entries, string rx, DateTimeOffset validUntil) =>
        entries.Add(new PlannedEntry(rx, "prescription.expired", Authors.Ledger, validUntil.AddSeconds(1),
            new JsonObject { ["validUntil"] = LedgerTime.Format(validUntil) }));

    private static PlannedEntry Dispense(string rx, string pharmacy, int item, int issue, long quantity, Formulary.Drug drug, DateTimeOffset at) =>
        new(rx, "prescription.dispensed", pharmacy, at, new JsonObject
        {
            ["item"] = item, ["issue"] = issue, ["quantity"] = quantity, ["unit"] = drug.Unit,
            ["product"] = new JsonObject { ["atc"] = drug.Atc, ["name"] = drug.Name }, ["batch"] = "B" + (at.DayOfYear * 7919 % 100000),
        });
}
