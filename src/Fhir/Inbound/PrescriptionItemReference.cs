using Ddl.Fhir.Codes;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// Which prescribed item a dispensing is for. The ledger exports item <c>n</c> of
/// <c>prescription:&lt;local&gt;</c> as <c>MedicationRequest/&lt;local&gt;.&lt;n&gt;</c> with the identifier
/// <c>urn:ddl:prescription-item|prescription:&lt;local&gt;/&lt;n&gt;</c>; a reference may use either, and
/// <c>MedicationRequest/&lt;local&gt;</c> names the only item of a one-item prescription.
/// </summary>
public sealed record PrescriptionItemReference(string Chain, int? Item)
{
    public static string ResourceId(string local, int item) => $"{local}.{item}";

    public static string IdentifierValue(string chain, int item) => $"{chain}/{item}";

    /// <summary>The candidates a reference may mean, most specific first (a local id may itself contain a dot).</summary>
    public static IReadOnlyList<PrescriptionItemReference> Candidates(ResourceReference reference, string path)
    {
        if (reference.Identifier is { System: FhirSystems.PrescriptionItem, Value: { } value })
        {
            var slash = value.LastIndexOf('/');
            const string prefix = "prescription:";
            if (slash <= prefix.Length || !int.TryParse(value.AsSpan(slash + 1), out var n) || !value.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw FhirRead.Unmappable(path + ".identifier.value", "must be prescription:<id>/<item>");
            }

            return [new PrescriptionItemReference(prefix + FhirRead.Local(value[prefix.Length..slash], path + ".identifier.value"), n)];
        }

        var id = FhirRead.ReferencedId(reference, "MedicationRequest", path)
            ?? throw FhirRead.Unmappable(path, "must reference MedicationRequest/<prescription id>.<item> (as the ledger exports it) or carry its identifier");
        var candidates = new List<PrescriptionItemReference>();
        var dot = id.LastIndexOf('.');
        if (dot > 0 && int.TryParse(id.AsSpan(dot + 1), out var item))
        {
            candidates.Add(new PrescriptionItemReference("prescription:" + FhirRead.Local(id[..dot], path), item));
        }

        candidates.Add(new PrescriptionItemReference("prescription:" + FhirRead.Local(id, path), null));
        return candidates;
    }
}
