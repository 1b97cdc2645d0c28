using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// One committed entry as the live feeds carry it between silos: the stored entry, and the facts
/// the feeds filter on (who is party to a prescription, what was dispensed where), worked out once
/// on the silo that committed it so that no silo receiving it has to read the store again.
/// <see cref="Position"/> is the store's global order, which the multi-chain feeds' cursors use;
/// (<see cref="Chain"/>, <see cref="Seq"/>) identifies the entry and lets a client spot a gap.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedEvent(
    [property: Orleans.Id(0)] string Chain,
    [property: Orleans.Id(1)] long Seq,
    [property: Orleans.Id(2)] string Hash,
    [property: Orleans.Id(3)] string Prev,
    [property: Orleans.Id(4)] long Position,
    [property: Orleans.Id(5)] string Type,
    [property: Orleans.Id(6)] string Author,
    [property: Orleans.Id(7)] string Nonce,
    [property: Orleans.Id(8)] string RecordedAt,
    [property: Orleans.Id(9)] string Canonical,
    [property: Orleans.Id(10)] PrescriptionFacts? Prescription,
    [property: Orleans.Id(11)] DispensingFacts? Dispensing)
{
    public StoredEntry ToStoredEntry() =>
        new(Chain, Seq, Hash, Prev, Author, Nonce, Type, RecordedAt, Canonical, Position);

    public static FeedEvent Plain(StoredEntry e) =>
        new(e.Chain, e.Seq, e.Hash, e.Prev, e.Position, e.Type, e.Author, e.Nonce, e.RecordedAt, e.CanonicalJson, null, null);
}

/// <summary>
/// Who is party to a prescription as of one of its entries: the issuing institution, the patient,
/// and every other institution (the pharmacies) that has written to it up to and including that entry.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PrescriptionFacts(
    [property: Orleans.Id(0)] string? Issuer,
    [property: Orleans.Id(1)] string? Patient,
    [property: Orleans.Id(2)] IReadOnlyList<string> Pharmacies)
{
    public bool Involves(string subject) =>
        subject == Issuer || subject == Patient || Pharmacies.Contains(subject);

    /// <summary>The distinct subjects that follow this prescription in their prescriptionUpdates feed.</summary>
    public IEnumerable<string> Parties()
    {
        if (Issuer is not null)
        {
            yield return Issuer;
        }

        if (Patient is not null && Patient != Issuer)
        {
            yield return Patient;
        }

        foreach (var pharmacy in Pharmacies)
        {
            yield return pharmacy;
        }
    }
}

/// <summary>A drug as a dispensing names it: ATC code and national code when given, and its name.</summary>
[GenerateSerializer, Immutable]
public sealed record DrugFacts(
    [property: Orleans.Id(0)] string? Atc,
    [property: Orleans.Id(1)] string? National,
    [property: Orleans.Id(2)] string? Name);

/// <summary>
/// What a <c>prescription.dispensed</c> entry says, joined with what the feeds need around it: the
/// dispensing pharmacy's region, the prescriber, the patient and the drug that was prescribed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DispensingFacts(
    [property: Orleans.Id(0)] string Pharmacy,
    [property: Orleans.Id(1)] string? Region,
    [property: Orleans.Id(2)] string? Prescriber,
    [property: Orleans.Id(3)] string? Patient,
    [property: Orleans.Id(4)] long? Item,
    [property: Orleans.Id(5)] long? Issue,
    [property: Orleans.Id(6)] long? Quantity,
    [property: Orleans.Id(7)] string? Unit,
    [property: Orleans.Id(8)] DrugFacts? Product,
    [property: Orleans.Id(9)] DrugFacts? Prescribed,
    [property: Orleans.Id(10)] string? Batch,
    [property: Orleans.Id(11)] string? HandedOverAt);
