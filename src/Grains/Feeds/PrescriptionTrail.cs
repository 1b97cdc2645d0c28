using System.Text.Json;
using Ddl.Grains.Prescriptions;
using Ddl.Ledger;
using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// What the feeds need to know about one prescription chain, folded entry by entry: who issued it,
/// for which patient, which pharmacies have taken part, and the drug of each item. It is rebuilt
/// from the store when a silo meets the chain for the first time, and kept in step afterwards.
/// </summary>
internal sealed class PrescriptionTrail
{
    private readonly List<string> pharmacies = [];
    private readonly List<DrugFacts?> items = [];
    private string? issuer;
    private string? patient;

    /// <summary>The seq of the next entry this trail can fold.</summary>
    public long NextSeq { get; private set; }

    /// <summary>Folds one entry (which must be entry <see cref="NextSeq"/>) and returns the feed facts as of it.</summary>
    public (PrescriptionFacts Prescription, DispensingFacts? Dispensing) Fold(StoredEntry entry, string? pharmacyRegion)
    {
        using var document = Parse(entry.CanonicalJson);
        var body = document is null ? default : EntryBody.Of(document);
        if (entry.Type == PrescriptionEvents.Issued && issuer is null)
        {
            issuer = entry.Author;
            patient = EntryBody.Text(body, "patient");
            var list = EntryBody.Member(body, "items");
            if (list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    items.Add(EntryBody.Drug(EntryBody.Member(item, "drug")));
                }
            }
        }
        else if (Authors.IsInstitution(entry.Author) && entry.Author != issuer && !pharmacies.Contains(entry.Author))
        {
            pharmacies.Add(entry.Author);
        }

        NextSeq = entry.Seq + 1;
        var facts = new PrescriptionFacts(issuer, patient, pharmacies.ToArray());
        return (facts, entry.Type == PrescriptionEvents.Dispensed ? Dispensing(entry, body, pharmacyRegion) : null);
    }

    private DispensingFacts Dispensing(StoredEntry entry, JsonElement body, string? region)
    {
        var item = EntryBody.Integer(body, "item");
        var prescribed = item is >= 0 && item < items.Count ? items[(int)item] : null;
        return new DispensingFacts(entry.Author, region, issuer, patient, item, EntryBody.Integer(body, "issue"),
            EntryBody.Integer(body, "quantity"), EntryBody.Text(body, "unit"), EntryBody.Drug(EntryBody.Member(body, "product")),
            prescribed, EntryBody.Text(body, "batch"), EntryBody.Text(body, "handedOverAt"));
    }

    private static JsonDocument? Parse(string canonical)
    {
        try
        {
            return JsonDocument.Parse(canonical);
        }
        catch (JsonException)
        {
            // A row that is not JSON is a tampered store; verification reports it, the feed carries it bare.
            return null;
        }
    }
}
