using System.Text;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

/// <summary>
/// The parties of a seed and what each prescription's life looks like. Submissions go in
/// <c>submitBatch</c> calls of up to 500, one author per call (its token), the steps of one chain
/// always in the same call and in order, so the ledger applies them one after the other while
/// different chains proceed in parallel.
/// </summary>
internal sealed class SeedWorld(Uri url, SeedTokens tokens, SigningKey authority, int seed)
{
    /// <summary>Submissions in one batch: the API's limit.</summary>
    public const int BatchSize = 500;

    /// <summary>Characters of submissions in one request, under the API's 256 KiB body limit with room for the rest.</summary>
    private const int MaxRequestChars = 200_000;

    private const string SubmitBatch = """
        mutation SubmitBatch($inputs: [SignedSubmissionInput!]!) { submitBatch(inputs: $inputs) { index code message receipt { seq } } }
        """;

    private readonly List<(string Id, SigningKey Key)> centres = [];
    private readonly List<(string Id, SigningKey Key)> pharmacies = [];
    private readonly Dictionary<string, SigningKey> keys = [];
    private readonly string run = Guid.NewGuid().ToString("N")[..6];
    private readonly Dictionary<string, LedgerClient> clients = [];
    private long entries;

    public long Entries => Interlocked.Read(ref entries);

    public async Task RegisterAsync(int centreCount, int pharmacyCount, int regionCount, CancellationToken ct)
    {
        var regions = Enumerable.Range(1, Math.Max(1, regionCount)).Select(r => $"region-{r}").ToArray();
        var steps = new List<SeedSteps>();
        for (var i = 0; i < centreCount + pharmacyCount; i++)
        {
            var kind = i < centreCount ? "medical_centre" : "pharmacy";
            var id = $"institution:{(i < centreCount ? "centre" : "pharmacy")}-{run}-{i}";
            var key = SigningKey.Generate("k1");
            var body = new JsonObject
            {
                ["kind"] = kind, ["name"] = $"{kind} {i}", ["region"] = regions[i % regions.Length], ["keys"] = new JsonArray(key.Public.ToJson()),
            };
            steps.Add(new SeedSteps("authority:root", "admin", id, [("institution.registered", () => body)]));
            (i < centreCount ? centres : pharmacies).Add((id, key));
            keys[id] = key;
        }

        keys["authority:root"] = authority;
        await RunAsync(steps, 1, _ => { }, ct);
    }

    /// <summary>One prescription and its life, decided by its own random stream (the same seed and number give the same story).</summary>
    public SeedPlan Plan(int n, int patientCount)
    {
        // Not HashCode.Combine: its seed changes with every process, and the same --seed must give the same plan.
        var random = new Random(unchecked((n * (int)2_654_435_761L) ^ (seed * 40_503)));
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

        var byCentre = new SeedSteps(centre.Id, "medical_centre", rx,
        [
            ("prescription.issued", () => new JsonObject
            {
                ["patient"] = patient, ["items"] = items.DeepClone(),
                ["validUntil"] = LedgerTime.Format(DateTimeOffset.UtcNow + (expires ? TimeSpan.FromSeconds(60) : TimeSpan.FromDays(25))),
            }),
        ]);
        if (expires)
        {
            // Never collected: the ledger records the expiry a minute later (a minute, not seconds: a batch
            // of hundreds can take that long to be judged on a busy machine, and the issue must still be valid then).
            return new SeedPlan(byCentre with { Last = true }, null);
        }

        var pharmacy = pharmacies[random.Next(pharmacies.Count)];
        var roll = random.Next(100);
        if (roll < 5)
        {
            byCentre.Steps.Add(("prescription.cancelled", () => new JsonObject { ["reason"] = "therapy changed" }));
            return new SeedPlan(byCentre with { Last = true }, null);
        }

        var byPharmacy = new SeedSteps(pharmacy.Id, "pharmacy", rx, []) { Last = true };
        for (var i = 0; i < drugs.Count; i++)
        {
            var drug = drugs[i];
            var index = i;
            if (roll < 8)
            {
                byPharmacy.Steps.Add(("prescription.not_dispensed", () => new JsonObject { ["item"] = index, ["reason"] = "out of stock" }));
                continue;
            }

            var issues = 1 + (int)(items[i]!["repeats"]!.GetValue<int>() * random.NextDouble());
            for (var issue = 1; issue <= issues; issue++)
            {
                // A third of the issues are handed over in two parts; the last issue may stay partial.
                var first = random.Next(3) == 0 ? Math.Max(1, drug.Quantity / 2) : drug.Quantity;
                byPharmacy.Steps.Add(Dispense(index, issue, first, drug));
                if (first < drug.Quantity && (issue < issues || random.Next(2) == 0))
                {
                    byPharmacy.Steps.Add(Dispense(index, issue, drug.Quantity - first, drug));
                }
                else if (first < drug.Quantity)
                {
                    break;
                }
            }
        }

        return new SeedPlan(byCentre, byPharmacy);
    }

    /// <summary>
    /// Sends every chain's steps: each author's chains packed whole into batches of up to
    /// <see cref="BatchSize"/>, <paramref name="parallel"/> batches in flight.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<SeedSteps> work, int parallel, Action<int> finished, CancellationToken ct)
    {
        var batches = new List<List<SeedSteps>>();
        foreach (var byAuthor in work.GroupBy(w => w.Author))
        {
            var batch = new List<SeedSteps>();
            var size = 0;
            foreach (var chain in byAuthor)
            {
                if (size + chain.Steps.Count > BatchSize && batch.Count > 0)
                {
                    batches.Add(batch);
                    batch = [];
                    size = 0;
                }

                batch.Add(chain);
                size += chain.Steps.Count;
            }

            if (batch.Count > 0)
            {
                batches.Add(batch);
            }
        }

        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = ct },
            async (batch, token) =>
            {
                await SendAsync(batch, token);
                finished(batch.Count(c => c.Last));
            });
    }

    private async Task SendAsync(List<SeedSteps> batch, CancellationToken ct)
    {
        var author = batch[0].Author;
        var key = keys[author];
        // The API also caps a request's size (256 KiB): a batch of large submissions goes in
        // several requests, each chain's steps still together.
        var requests = new List<JsonArray> { new() };
        var size = 0;
        foreach (var chain in batch)
        {
            var signed = chain.Steps.Select(step =>
            {
                var submission = Submission.Create(step.Type, chain.Chain, author, key.Public.Id, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), step.Body());
                return (JsonNode)new JsonObject { ["submission"] = Encoding.UTF8.GetString(submission.CanonicalBytes()), ["sig"] = submission.Sign(key) };
            }).ToList();
            var chainSize = signed.Sum(s => s.ToJsonString().Length);
            if (size + chainSize > MaxRequestChars && requests[^1].Count > 0)
            {
                requests.Add([]);
                size = 0;
            }

            signed.ForEach(requests[^1].Add);
            size += chainSize;
        }

        foreach (var inputs in requests)
        {
            var results = (await Client(author, batch[0].Role).ExecuteAsync(SubmitBatch, new JsonObject { ["inputs"] = inputs }, ct))["submitBatch"]!.AsArray();
            // Each item stands alone in a batch; a seed that lost one would not be the plan it claims.
            if (results.FirstOrDefault(r => r!["code"] is not null) is { } refused)
            {
                throw new LedgerClientException(refused["code"]!.GetValue<string>(), refused["message"]?.GetValue<string>() ?? "(no message)");
            }

            Interlocked.Add(ref entries, results.Count);
        }
    }

    private LedgerClient Client(string author, string role)
    {
        lock (clients)
        {
            // One client (one connection pool) per author, reused for all of its batches.
            if (!clients.TryGetValue(author, out var client))
            {
                clients[author] = client = new LedgerClient(url, tokens.For(author, role));
            }

            return client;
        }
    }

    private static (string, Func<JsonObject>) Dispense(int item, int issue, long quantity, SeedDrugs.Drug drug) =>
        ("prescription.dispensed", () => new JsonObject
        {
            ["item"] = item, ["issue"] = issue, ["quantity"] = quantity, ["unit"] = drug.Unit,
            ["product"] = new JsonObject { ["atc"] = drug.Atc, ["name"] = drug.Name }, ["batch"] = "B" + (issue * 7919 % 100000),
        });
}
