using System.Text.Json.Nodes;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// A completed MedicationDispense to <c>prescription.dispensed</c>: its authorizingPrescription names
/// the prescription and item, the issue is the one the item is on now (the open one, else the
/// next), and the quantity must be a whole number in the unit the item was prescribed in (the
/// prescription's actor judges that, and everything else, authoritatively).
/// </summary>
public static class DispenseMapper
{
    public static async Task<MappedSubmission> MapAsync(MedicationDispense d, MedicationSource medications, Func<string, Task<PrescriptionView?>> prescriptions)
    {
        if (d.Status != MedicationDispense.MedicationDispenseStatusCodes.Completed)
        {
            throw FhirRead.Unmappable("MedicationDispense.status", $"is '{d.Status}'; the ledger records completed dispensings");
        }

        var reference = FhirRead.Single(d.AuthorizingPrescription, "MedicationDispense.authorizingPrescription")
            ?? throw FhirRead.Unmappable("MedicationDispense.authorizingPrescription", "is required: it names the prescription item dispensed");
        var (view, index) = await FindAsync(reference, prescriptions);
        if (d.Subject is not null && FhirRead.Patient(d.Subject, "MedicationDispense.subject") != view.Patient)
        {
            throw FhirRead.Unmappable("MedicationDispense.subject", $"is not the patient of {view.Id}");
        }

        var item = view.Items[index];
        var (quantity, unit, _) = FhirRead.WholeQuantity(d.Quantity, "MedicationDispense.quantity");
        var (concept, medication) = DrugCoding.Resolve(d.Medication, d, medications, "MedicationDispense.medication");
        var body = new JsonObject
        {
            ["item"] = index,
            ["issue"] = CurrentIssue(item),
            ["quantity"] = quantity,
            ["unit"] = unit,
            ["product"] = DrugCoding.ToDrug(concept, "MedicationDispense.medication"),
        };
        if (medication?.Batch?.LotNumber is { } lot)
        {
            body["batch"] = lot;
        }

        if (d.WhenHandedOver is { } handedOver)
        {
            body["handedOverAt"] = LedgerTime.Format(FhirRead.Time(handedOver, endOfPeriod: false, "MedicationDispense.whenHandedOver"));
        }

        var nonce = d.Id is { } id ? $"fhir:MedicationDispense/{id}" : null;
        return new MappedSubmission("MedicationDispense", PrescriptionEvents.Dispensed, view.Id, body, nonce, ["pharmacy"], StateMembers: ["issue"]);
    }

    /// <summary>The open issue when one is part-dispensed, else the next one.</summary>
    public static int CurrentIssue(ItemView item) =>
        item.IssuesStarted > 0 && item.RemainingOnOpenIssue > 0 && item.RemainingOnOpenIssue < item.Quantity
            ? item.IssuesStarted
            : item.IssuesStarted + 1;

    private static async Task<(PrescriptionView View, int Item)> FindAsync(ResourceReference reference, Func<string, Task<PrescriptionView?>> prescriptions)
    {
        const string path = "MedicationDispense.authorizingPrescription";
        foreach (var candidate in PrescriptionItemReference.Candidates(reference, path))
        {
            if (await prescriptions(candidate.Chain) is not { } view)
            {
                continue;
            }

            var index = candidate.Item ?? (view.Items.Count == 1 ? 0 : throw FhirRead.Unmappable(path, $"must name one of the {view.Items.Count} items of {view.Id} (MedicationRequest/<id>.<item>)"));
            return index < view.Items.Count ? (view, index) : throw FhirRead.Unmappable(path, $"names item {index}; {view.Id} has {view.Items.Count}");
        }

        throw new LedgerException(ErrorCodes.NotIssued, $"{path} names a prescription the ledger has not issued ({reference.Reference ?? reference.Identifier?.Value}).");
    }
}
