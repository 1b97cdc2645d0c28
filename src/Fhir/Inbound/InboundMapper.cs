using Ddl.Grains.Wire;
using Ddl.Ledger;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Ddl.Fhir.Inbound;

/// <summary>What the mappers may ask the ledger: the current state of the documents a resource refers to.</summary>
public interface IDocumentLookup
{
    Task<PrescriptionView?> PrescriptionAsync(string chain);

    Task<TreatmentView?> TreatmentAsync(string chain);
}

/// <summary>
/// Routes a parsed resource to its mapper. The ledger takes MedicationRequest (alone, or a Bundle
/// of them with Medications beside them), CarePlan, MedicationDispense, MedicationAdministration
/// and Procedure; anything else is refused as unsupported.
/// </summary>
public static class InboundMapper
{
    public static readonly IReadOnlyList<string> Accepted =
        ["MedicationRequest", "CarePlan", "MedicationDispense", "MedicationAdministration", "Procedure", "Bundle"];

    public static Task<MappedSubmission> MapAsync(Resource resource, IDocumentLookup lookup) => resource switch
    {
        MedicationRequest request => Task.FromResult(PrescriptionMapper.Map([request], MedicationSource.None, "MedicationRequest")),
        Bundle bundle => Task.FromResult(FromBundle(bundle)),
        CarePlan plan => Task.FromResult(TreatmentMapper.Map(plan, MedicationSource.None)),
        MedicationDispense dispense => DispenseMapper.MapAsync(dispense, MedicationSource.None, lookup.PrescriptionAsync),
        MedicationAdministration administration => TreatmentLineMapper.AdministrationAsync(administration, MedicationSource.None, lookup.TreatmentAsync),
        Procedure procedure => TreatmentLineMapper.ProcedureAsync(procedure, lookup.TreatmentAsync),
        _ => throw new LedgerException(ErrorCodes.FhirUnsupported,
            $"The ledger does not take {resource.TypeName} resources; it takes {string.Join(", ", Accepted)} (a Bundle of MedicationRequests)."),
    };

    /// <summary>A transaction, batch or collection Bundle of one prescription's MedicationRequests (and the Medications they reference).</summary>
    private static MappedSubmission FromBundle(Bundle bundle)
    {
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Batch or Bundle.BundleType.Collection))
        {
            throw FhirRead.Unmappable("Bundle.type", $"is '{bundle.Type}'; the ledger takes a transaction, batch or collection Bundle of MedicationRequests");
        }

        var medications = new MedicationSource();
        var requests = new List<MedicationRequest>();
        foreach (var entry in bundle.Entry)
        {
            switch (entry.Resource)
            {
                case MedicationRequest request:
                    requests.Add(request);
                    break;
                case Medication medication:
                    medications.Add(entry.FullUrl, medication);
                    break;
                default:
                    throw new LedgerException(ErrorCodes.FhirUnsupported,
                        $"A Bundle sent to the ledger holds one prescription's MedicationRequests (and their Medications), not {entry.Resource?.TypeName ?? "an empty entry"}.");
            }
        }

        return PrescriptionMapper.Map(requests, medications, "Bundle");
    }
}
