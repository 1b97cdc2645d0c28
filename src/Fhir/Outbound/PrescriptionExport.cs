using Ddl.Fhir.Codes;
using Ddl.Fhir.Inbound;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Outbound;

/// <summary>
/// A prescription chain as FHIR: its issue entry as one MedicationRequest per item (status from
/// the prescription's state now), each dispensing entry as a MedicationDispense. Built from the
/// entries' own bodies, so codes, code systems and units come out as they went in.
/// </summary>
public static class PrescriptionExport
{
    /// <param name="issued">The chain's issue entry (seq 0), which a dispensing's unit system comes from.</param>
    public static IEnumerable<DomainResource> Resources(ChainEntry entry, PrescriptionView view, ChainEntry issued) => entry.Submission.Type switch
    {
        PrescriptionEvents.Issued => Requests(entry, view),
        PrescriptionEvents.Dispensed => [Dispense(entry, view, issued)],
        _ => [],
    };

    private static IEnumerable<DomainResource> Requests(ChainEntry entry, PrescriptionView view)
    {
        var body = entry.Submission.Body;
        var local = ChainId.Parse(view.Id).Local;
        var items = body["items"]!.AsArray();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            var request = new MedicationRequest
            {
                Id = Exported.Id(PrescriptionItemReference.ResourceId(local, i)),
                Status = Status(view, view.Items[i]),
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Medication = Exported.Drug(item["drug"]),
                Subject = Exported.Patient(view.Patient),
                AuthoredOnElement = Exported.DateTime(entry.Entry.RecordedAt),
                Requester = Exported.Institution(view.Issuer),
                GroupIdentifier = new Identifier(FhirSystems.Prescription, local),
                DosageInstruction = [new Dosage { Text = Exported.Text(item, "dose") }],
                DispenseRequest = new MedicationRequest.DispenseRequestComponent
                {
                    ValidityPeriod = new Period(Exported.DateTime(view.ValidFrom), Exported.DateTime(view.ValidUntil)),
                    NumberOfRepeatsAllowed = (int)Exported.Integer(item, "repeats"),
                    Quantity = Exported.Quantity(Exported.Integer(item, "quantity"), Exported.Text(item, "unit")!, Exported.Text(item, "unitSystem")),
                },
                Substitution = new MedicationRequest.SubstitutionComponent { Allowed = new FhirBoolean(item["substitution"]?.GetValue<bool>() ?? true) },
            };
            request.Identifier.Add(new Identifier(FhirSystems.PrescriptionItem, PrescriptionItemReference.IdentifierValue(view.Id, i)));
            if (Exported.Integer(item, "minIntervalDays") is > 0 and var days)
            {
                request.DispenseRequest.DispenseInterval = new Duration { Value = days, Unit = "d", System = FhirSystems.Ucum, Code = "d" };
            }

            if (Exported.Text(item, "schedule") is { } schedule)
            {
                request.SetExtension(FhirSystems.ScheduleExtension, new Code(schedule));
            }

            request.Extension.Add(entry.Reference().ToExtension());
            yield return request;
        }
    }

    private static MedicationDispense Dispense(ChainEntry entry, PrescriptionView view, ChainEntry issued)
    {
        var body = entry.Submission.Body;
        var local = ChainId.Parse(view.Id).Local;
        var item = (int)Exported.Integer(body, "item");
        var dispense = new MedicationDispense
        {
            Id = Exported.Id($"{local}.e{entry.Entry.Seq}"),
            Status = MedicationDispense.MedicationDispenseStatusCodes.Completed,
            Subject = Exported.Patient(view.Patient),
            Quantity = Exported.Quantity(Exported.Integer(body, "quantity"), Exported.Text(body, "unit")!, UnitSystem(issued, item)),
            AuthorizingPrescription =
            [
                new ResourceReference("MedicationRequest/" + PrescriptionItemReference.ResourceId(local, item))
                {
                    Identifier = new Identifier(FhirSystems.PrescriptionItem, PrescriptionItemReference.IdentifierValue(view.Id, item)),
                },
            ],
            Performer = [new MedicationDispense.PerformerComponent { Actor = Exported.Institution(entry.Submission.Author) }],
        };
        var product = Exported.Drug(body["product"]);
        if (Exported.Text(body, "batch") is { } batch)
        {
            // The batch belongs to a Medication, so the product travels as a contained one.
            dispense.Contained.Add(new Medication { Id = "product", Code = product, Batch = new Medication.BatchComponent { LotNumber = batch } });
            dispense.Medication = new ResourceReference("#product");
        }
        else
        {
            dispense.Medication = product;
        }

        if (Exported.Text(body, "handedOverAt") is { } handedOver)
        {
            dispense.WhenHandedOverElement = Exported.DateTime(handedOver);
        }

        dispense.Extension.Add(entry.Reference().ToExtension());
        return dispense;
    }

    /// <summary>A dispensing is in the prescribed unit, so it takes that unit's system from the prescription.</summary>
    private static string? UnitSystem(ChainEntry issued, int item) =>
        Exported.Text(issued.Submission.Body["items"]?.AsArray().ElementAtOrDefault(item), "unitSystem");

    private static MedicationRequest.MedicationrequestStatus Status(PrescriptionView view, ItemView item) => item.Status switch
    {
        "cancelled" => MedicationRequest.MedicationrequestStatus.Cancelled,
        "dispensed" => MedicationRequest.MedicationrequestStatus.Completed,
        "not_dispensed" => MedicationRequest.MedicationrequestStatus.Stopped,
        _ when view.Status == "expired" => MedicationRequest.MedicationrequestStatus.Stopped,
        _ => MedicationRequest.MedicationrequestStatus.Active,
    };
}
