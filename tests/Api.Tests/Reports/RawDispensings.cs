using System.Text.Json.Nodes;
using Ddl.Store;

namespace Ddl.Api.Tests.Reports;

/// <summary>
/// Dispensings folded straight from the stored entries, without the read model: the independent
/// figures the report fields are checked against. Corrections replace a dispensing's quantity.
/// </summary>
public sealed record RawDispensing(string Chain, long Seq, string? Atc, string? National, string? Schedule, long Quantity, string Patient,
    string Pharmacy, string Prescriber, string Region, string Day, string Month)
{
    public static async Task<List<RawDispensing>> ReadAsync(IEntryStore store)
    {
        var regions = new Dictionary<string, string>();
        await foreach (var chain in store.ListChainsAsync("institution:"))
        {
            var first = (await store.ReadChainAsync(chain, 0, 1))[0];
            regions[chain] = Body(first)["region"]!.GetValue<string>();
        }

        var all = new List<RawDispensing>();
        await foreach (var chain in store.ListChainsAsync("prescription:"))
        {
            var entries = await store.ReadChainAsync(chain, 0, 10_000);
            var issued = Body(entries[0]);
            var items = issued["items"]!.AsArray();
            var dispensings = new Dictionary<long, RawDispensing>();
            foreach (var e in entries)
            {
                var body = Body(e);
                if (e.Type == "prescription.dispensed")
                {
                    var item = items[body["item"]!.GetValue<int>()]!;
                    var product = body["product"]!;
                    dispensings[e.Seq] = new RawDispensing(chain, e.Seq,
                        product["atc"]?.GetValue<string>() ?? item["drug"]!["atc"]?.GetValue<string>(),
                        product["national"]?.GetValue<string>() ?? item["drug"]!["national"]?.GetValue<string>(),
                        item["schedule"]?.GetValue<string>(), body["quantity"]!.GetValue<long>(), issued["patient"]!.GetValue<string>(),
                        e.Author, entries[0].Author, regions[e.Author], e.RecordedAt[..10], e.RecordedAt[..7]);
                }
                else if (e.Type == "prescription.corrected" && body["quantity"] is { } quantity
                    && dispensings.TryGetValue(body["corrects"]!["seq"]!.GetValue<long>(), out var target))
                {
                    dispensings[target.Seq] = target with { Quantity = quantity.GetValue<long>() };
                }
            }

            all.AddRange(dispensings.Values);
        }

        return all;
    }

    private static JsonObject Body(StoredEntry e) => JsonNode.Parse(e.CanonicalJson)!["submission"]!["body"]!.AsObject();
}
