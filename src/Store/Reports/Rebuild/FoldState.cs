namespace Ddl.Store.Reports.Rebuild;

// The rows of the read model that later entries of the same chain still change, held in memory
// during a rebuild. Each mirrors a table of migration 0005; Lists rather than dictionaries because
// a document has a handful of items and issues, and millions of documents must fit in memory.

internal sealed class InstitutionState(string id, string kind, string name, string region)
{
    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public string Name { get; } = name;
    public string Region { get; } = region;
    public long Suspended { get; set; }
}

internal sealed class PrescriptionChain
{
    public PrescriptionState? Prescription { get; set; }
    public List<ItemState> Items { get; } = [];
    public List<IssueState>? Issues { get; set; }
    public List<DispensedState>? Dispensed { get; set; }


    public ItemState? Item(long item) => Items.Find(i => i.Index == item);

    public IssueState? Issue(long item, long issue) => Issues?.Find(s => s.Item == item && s.Number == issue);
}

internal sealed class PrescriptionState(long seq, string hash, string patient, string prescriber, string issuedAt, string validFrom, string validUntil)
{
    public long Seq { get; } = seq;
    public string Hash { get; } = hash;
    public string Patient { get; } = patient;
    public string Prescriber { get; } = prescriber;
    public string IssuedAt { get; } = issuedAt;
    public string ValidFrom { get; } = validFrom;
    public string ValidUntil { get; } = validUntil;
    public string? ClaimedBy { get; set; }
    public long Expired { get; set; }
}

internal sealed class ItemState(long index, EntryFact.ItemFact fact)
{
    public long Index { get; } = index;
    public EntryFact.ItemFact Fact { get; } = fact;
    public long IssuesStarted { get; set; }
    public long DispensedTotal { get; set; }
    public long Cancelled { get; set; }
    public string? NotDispensed { get; set; }
    public string Status { get; set; } = "active";
}

internal sealed class IssueState(long item, long number, string startedAt, string pharmacy)
{
    public long Item { get; } = item;
    public long Number { get; } = number;
    public string StartedAt { get; } = startedAt;
    public string Pharmacy { get; } = pharmacy;
    public long Dispensed { get; set; }
}

/// <summary>A dispensing already projected: what a later correction of it needs.</summary>
internal record struct DispensedState(long Seq, long Item, long Issue, long Quantity);

internal sealed class TreatmentChain
{
    public TreatmentState? Treatment { get; set; }
    public List<MedicationState> Medications { get; } = [];
    public List<OrderState> Orders { get; } = [];
}

internal sealed class TreatmentState(long seq, string hash, string patient, string issuer, string createdAt, string? validUntil)
{
    public long Seq { get; } = seq;
    public string Hash { get; } = hash;
    public string Patient { get; } = patient;
    public string Issuer { get; } = issuer;
    public string CreatedAt { get; } = createdAt;
    public string? ValidUntil { get; } = validUntil;
    public long Cancelled { get; set; }
}

internal sealed class MedicationState(long index, EntryFact.ItemFact fact)
{
    public long Index { get; } = index;
    public EntryFact.ItemFact Fact { get; } = fact;
    public long Administered { get; set; }
}

internal sealed class OrderState(long index, EntryFact.OrderFact fact)
{
    public long Index { get; } = index;
    public EntryFact.OrderFact Fact { get; } = fact;
    public long Done { get; set; }
}
