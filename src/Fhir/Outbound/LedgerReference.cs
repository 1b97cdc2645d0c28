using Ddl.Fhir.Codes;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Outbound;

/// <summary>
/// Where a resource stands in the ledger: chain, seq and hash of the entry it was recorded as
/// (what a proof bundle proves), when, by whom, with which key, and whether the ledger signed it
/// custodially. Carried as one complex extension so any FHIR client keeps it unchanged.
/// </summary>
public sealed record LedgerReference(string Chain, long Seq, string Hash, string RecordedAt, string Author, string Key, bool Custodial)
{
    public Extension ToExtension()
    {
        var extension = new Extension { Url = FhirSystems.LedgerEntryExtension };
        extension.Extension.Add(new Extension("chain", new FhirString(Chain)));
        extension.Extension.Add(new Extension("seq", new Integer(checked((int)Seq))));
        extension.Extension.Add(new Extension("hash", new FhirString(Hash)));
        extension.Extension.Add(new Extension("recordedAt", new Instant(DateTimeOffset.Parse(RecordedAt, System.Globalization.CultureInfo.InvariantCulture))));
        extension.Extension.Add(new Extension("author", new FhirString(Author)));
        extension.Extension.Add(new Extension("key", new FhirString(Key)));
        extension.Extension.Add(new Extension("custodial", new FhirBoolean(Custodial)));
        return extension;
    }

    /// <summary>Reads the reference back from a resource (null when it has none).</summary>
    public static LedgerReference? From(DomainResource resource)
    {
        if (resource.GetExtension(FhirSystems.LedgerEntryExtension) is not { } e)
        {
            return null;
        }

        string Text(string name) => (e.GetExtensionValue<DataType>(name) as FhirString)?.Value ?? "";
        return new LedgerReference(Text("chain"), e.GetExtensionValue<Integer>("seq")?.Value ?? -1, Text("hash"),
            Ddl.Ledger.LedgerTime.Format(e.GetExtensionValue<Instant>("recordedAt")?.Value ?? DateTimeOffset.MinValue),
            Text("author"), Text("key"), e.GetExtensionValue<FhirBoolean>("custodial")?.Value ?? false);
    }
}
