using System.Text.Json.Nodes;
using Ddl.Grains.Treatments;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// A CarePlan (a treatment sheet) to <c>treatment.created</c>. Each activity is inline
/// (activity.detail): one with a product is a medication line (product, quantity, description as
/// the dose); one without is a procedure line (code, and scheduledTiming.repeat.count as how many
/// times, default once). The sheet's id is identifier[0].value, else the CarePlan's id; its end is period.end.
/// </summary>
public static class TreatmentMapper
{
    public static MappedSubmission Map(CarePlan plan, MedicationSource medications)
    {
        if (plan.Status != RequestStatus.Active)
        {
            throw FhirRead.Unmappable("CarePlan.status", $"is '{plan.Status}'; the ledger records active treatment sheets");
        }

        var local = FhirRead.Local(plan.Identifier.FirstOrDefault()?.Value ?? plan.Id, "CarePlan.identifier[0].value (or id)");
        var medicationLines = new JsonArray();
        var procedureLines = new JsonArray();
        for (var i = 0; i < plan.Activity.Count; i++)
        {
            var path = $"CarePlan.activity[{i}].detail";
            var detail = plan.Activity[i].Detail
                ?? throw FhirRead.Unmappable(path, "is required: the ledger records activities written out in the plan, not references");
            if (detail.Product is not null)
            {
                medicationLines.Add(Medication(detail, plan, medications, path));
            }
            else
            {
                procedureLines.Add(Procedure(detail, path));
            }
        }

        var body = new JsonObject
        {
            ["patient"] = FhirRead.Patient(plan.Subject, "CarePlan.subject"),
            ["medications"] = medicationLines,
            ["procedures"] = procedureLines,
        };
        if (plan.Period?.End is { } end)
        {
            body["validUntil"] = LedgerTime.Format(FhirRead.Time(end, endOfPeriod: true, "CarePlan.period.end"));
        }

        var chain = "treatment:" + local;
        return new MappedSubmission("CarePlan", TreatmentEvents.Created, chain, body, "fhir:" + chain, ["medical_centre"]);
    }

    private static JsonObject Medication(CarePlan.DetailComponent detail, CarePlan plan, MedicationSource medications, string path)
    {
        var (concept, _) = DrugCoding.Resolve(detail.Product, plan, medications, path + ".product");
        var (quantity, unit, unitSystem) = FhirRead.WholeQuantity(detail.Quantity, path + ".quantity");
        var line = new JsonObject
        {
            ["drug"] = DrugCoding.ToDrug(concept, path + ".product"),
            ["dose"] = string.IsNullOrWhiteSpace(detail.Description)
                ? throw FhirRead.Unmappable(path + ".description", "is required for a medication: the ledger records the dose as written")
                : detail.Description,
            ["quantity"] = quantity,
            ["unit"] = unit,
        };
        if (unitSystem is not null)
        {
            line["unitSystem"] = unitSystem;
        }

        return line;
    }

    private static JsonObject Procedure(CarePlan.DetailComponent detail, string path)
    {
        var coding = detail.Code?.Coding.FirstOrDefault(c => !string.IsNullOrEmpty(c.Code))
            ?? throw FhirRead.Unmappable(path + ".code", "needs a coding for a procedure (or a product for a medication)");
        var line = new JsonObject
        {
            ["code"] = coding.Code,
            ["name"] = detail.Code!.Text ?? coding.Display ?? coding.Code,
            ["count"] = (detail.Scheduled as Timing)?.Repeat?.Count ?? 1,
        };
        if (coding.System is not null)
        {
            line["system"] = coding.System;
        }

        return line;
    }
}
