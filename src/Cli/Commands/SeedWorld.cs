using System.Text;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

/// <summary>The parties of a seed and what each prescription's life looks like.</summary>
internal sealed class SeedWorld(Uri url, SeedTokens tokens, SigningKey authority, int seed)
{
    private readonly List<(string Id, SigningKey Key)> centres = [];
    private readonly List<(string Id, SigningKey Key)> pharmacies = [];
    private readonly string run = Guid.NewGuid().ToString("N")[..6];
    private readonly Dictionary<string, LedgerClient> clients = [];
    private long entries;

    public long Entries => Interlocked.Read(ref entries);

    public async Task RegisterAsync(int centreCount, int pharmacyCount, int regionCount, CancellationToken ct)
    {
        var regions = Enumerable.Range(1, Math.Max(1, regionCount)).Select(r => $"region-{r}").ToArray();
        for (var i = 0; i < centreCount + pharmacyCount; i++)
        {
            var kind = i < centreCount ? "medical_centre" : "pharmacy";
            var id = $"institution:{(i < centreCount ? "centre" : "pharmacy")}-{run}-{i}";
            var key = SigningKey.Generate("k1");
            await SubmitAsync(authority, "authority:root", "admin", id, "institution.registered", new JsonObject
            {
                ["kind"] = kind, ["name"] = $"{kind} {i}", ["region"] = regions[i % regions.Length], ["keys"] = new JsonArray(key.Public.ToJson()),
            }, ct);
            (i < centreCount ? centres : pharmacies).Add((id, key));
        }
    }

    /// <summary>One prescription and its life, decided by its own random stream (the same seed and number give the same story).</summary>
    public async Task PrescriptionAsync(int n, int patientCount, CancellationToken ct)
    {
        var random = new Random(HashCode.Combine(seed, n));
        var centre = centres[random.Next(centres.Count)];
        var patient = $"patient:seed-{seed}-{random.Next(patientCount)}";
        var rx = $"prescription:seed-{run}-{n}";
        var drugs = Enumerable.Range(0, random.Next(10) < 8 ? 1 : 2).Select(_ => SeedDrugs.Pick(random)).DistinctBy(d => d.Atc).ToList();
        var expires = random.Next(100) < 3;
        var items = new JsonArray(drugs.Select(d => (JsonNode)new JsonObject
        {
            ["drug"] = new JsonObject { ["atc"] = d.Atc, ["name"] = d.Name }, ["dose"] = "as directed", ["quantity"] = d.Quantity, ["unit"] = d.Unit,
            ["repeats"] = d.Schedule is "UK-2" ? 0 : random.Next(3), ["schedule"] = d.Schedule, ["substitution"] = true, ["minIntervalDays"] = 0,
        }).ToArray());
        foreach (var item in items.Select(i => i!.AsObject()).Where(i => i["schedule"] is null))
        {
            item.Remove("schedule");
        }

        await SubmitAsync(centre.Key, centre.Id, "medical_centre", rx, "prescription.issued", new JsonObject
        {
            ["patient"] = patient, ["items"] = items,
            ["validUntil"] = LedgerTime.Format(DateTimeOffset.UtcNow + (expires ? TimeSpan.FromSeconds(5) : TimeSpan.FromDays(25))),
        }, ct);
        if (expires)
        {
            return; // never collected: the ledger records the expiry
        }

        var pharmacy = pharmacies[random.Next(pharmacies.Count)];
        var roll = random.Next(100);
        if (roll < 5)
        {
            await SubmitAsync(centre.Key, centre.Id, "medical_centre", rx, "prescription.cancelled", new JsonObject { ["reason"] = "therapy changed" }, ct);
            return;
        }

        for (var i = 0; i < drugs.Count; i++)
        {
            var drug = drugs[i];
            if (roll < 8)
            {
                await SubmitAsync(pharmacy.Key, pharmacy.Id, "pharmacy", rx, "prescription.not_dispensed", new JsonObject { ["item"] = i, ["reason"] = "out of stock" }, ct);
                continue;
            }

            var issues = 1 + (int)(items[i]!["repeats"]!.GetValue<int>() * random.NextDouble());
            for (var issue = 1; issue <= issues; issue++)
            {
                // A third of the issues are handed over in two parts; the last issue may stay partial.
                var first = random.Next(3) == 0 ? Math.Max(1, drug.Quantity / 2) : drug.Quantity;
                await DispenseAsync(pharmacy, rx, i, issue, first, drug, ct);
                if (first < drug.Quantity && (issue < issues || random.Next(2) == 0))
                {
                    await DispenseAsync(pharmacy, rx, i, issue, drug.Quantity - first, drug, ct);
                }
                else if (first < drug.Quantity)
                {
                    break;
                }
            }
        }
    }

    private Task DispenseAsync((string Id, SigningKey Key) pharmacy, string rx, int item, int issue, long quantity, SeedDrugs.Drug drug, CancellationToken ct) =>
        SubmitAsync(pharmacy.Key, pharmacy.Id, "pharmacy", rx, "prescription.dispensed", new JsonObject
        {
            ["item"] = item, ["issue"] = issue, ["quantity"] = quantity, ["unit"] = drug.Unit,
            ["product"] = new JsonObject { ["atc"] = drug.Atc, ["name"] = drug.Name }, ["batch"] = "B" + (issue * 7919 % 100000),
        }, ct);

    private async Task SubmitAsync(SigningKey key, string author, string role, string chain, string type, JsonObject body, CancellationToken ct)
    {
        var submission = Submission.Create(type, chain, author, key.Public.Id, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), body);
        LedgerClient client;
        lock (clients)
        {
            // One client (one connection pool) per author, reused for all of its submissions.
            if (!clients.TryGetValue(author, out client!))
            {
                clients[author] = client = new LedgerClient(url, tokens.For(author, role));
            }
        }

        await client.ExecuteAsync(Queries.Submit, new JsonObject
        {
            ["input"] = new JsonObject { ["submission"] = Encoding.UTF8.GetString(submission.CanonicalBytes()), ["sig"] = submission.Sign(key) },
        }, ct);
        Interlocked.Increment(ref entries);
    }
}
