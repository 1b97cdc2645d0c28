using System.Text.Json.Nodes;
using Ddl.Fhir.Codes;
using Ddl.Grains.Prescriptions;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// MedicationRequests to one <c>prescription.issued</c>: a Bundle of them sharing a groupIdentifier
/// is one prescription of one item each, in Bundle order (a single MedicationRequest is a
/// prescription of one item). The prescription id is the groupIdentifier's value, or the
/// MedicationRequest's id when it stands alone; the validity is the intersection of the items'
/// validity periods, since a ledger prescription has one.
/// </summary>
public static class PrescriptionMapper
{
    private static readonly MedicationRequest.MedicationRequestIntent[] OrderIntents =
        [MedicationRequest.MedicationRequestIntent.Order, MedicationRequest.MedicationRequestIntent.OriginalOrder, MedicationRequest.MedicationRequestIntent.InstanceOrder];

    public static MappedSubmission Map(IReadOnlyList<MedicationRequest> requests, MedicationSource medications, string resourceType)
    {
        if (requests.Count == 0 || requests.Count > PrescriptionRules.MaxItems)
        {
            throw FhirRead.Unmappable("Bundle.entry", $"must hold 1 to {PrescriptionRules.MaxItems} MedicationRequests");
        }

        var groups = requests.Select(r => r.GroupIdentifier?.Value).Distinct().ToList();
        if (groups.Count > 1 || (requests.Count > 1 && groups[0] is null))
        {
            throw FhirRead.Unmappable("MedicationRequest.groupIdentifier", "must be present and the same on every MedicationRequest of one prescription");
        }

        var local = groups[0] is { } group
            ? FhirRead.Local(group, "MedicationRequest.groupIdentifier.value")
            : FhirRead.Local(requests[0].Id, "MedicationRequest.id (or groupIdentifier)");
        var patients = requests.Select((r, i) => FhirRead.Patient(r.Subject, $"MedicationRequest[{i}].subject")).Distinct().ToList();
        if (patients.Count > 1)
        {
            throw FhirRead.Unmappable("MedicationRequest.subject", "must be the same patient on every item of one prescription");
        }

        DateTimeOffset? from = null, until = null;
        var items = new JsonArray();
        for (var i = 0; i < requests.Count; i++)
        {
            var (item, start, end) = Item(requests[i], medications, $"MedicationRequest[{i}]");
            items.Add(item);
            from = start is null ? from : from is null || start > from ? start : from;
            until = end is null ? until : until is null || end < until ? end : until;
        }

        var body = new JsonObject
        {
            ["patient"] = patients[0],
            ["validUntil"] = LedgerTime.Format(until ?? throw FhirRead.Unmappable("MedicationRequest.dispenseRequest.validityPeriod.end",
                "is required: a ledger prescription ends (its expiry is recorded then)")),
            ["items"] = items,
        };
        if (from is { } f)
        {
            body["validFrom"] = LedgerTime.Format(f);
        }

        var chain = "prescription:" + local;
        return new MappedSubmission(resourceType, PrescriptionEvents.Issued, chain, body, "fhir:" + chain, ["medical_centre"]);
    }

    private static (JsonObject Item, DateTimeOffset? From, DateTimeOffset? Until) Item(MedicationRequest r, MedicationSource medications, string path)
    {
        if (r.Status != MedicationRequest.MedicationrequestStatus.Active)
        {
            throw FhirRead.Unmappable(path + ".status", $"is '{r.Status}'; the ledger records active orders (cancel with a cancellation)");
        }

        if (r.Intent is not { } intent || !OrderIntents.Contains(intent))
        {
            throw FhirRead.Unmappable(path + ".intent", $"is '{r.Intent}'; the ledger records orders (order, original-order, instance-order)");
        }

        if (r.DoNotPerform == true)
        {
            throw FhirRead.Unmappable(path + ".doNotPerform", "cannot be recorded as a prescription");
        }

        var (concept, _) = DrugCoding.Resolve(r.Medication, r, medications, path + ".medication");
        var dispense = r.DispenseRequest ?? throw FhirRead.Unmappable(path + ".dispenseRequest", "is required: it holds the quantity and validity");
        var (quantity, unit, unitSystem) = FhirRead.WholeQuantity(dispense.Quantity, path + ".dispenseRequest.quantity");
        var item = new JsonObject
        {
            ["drug"] = DrugCoding.ToDrug(concept, path + ".medication"),
            ["dose"] = Dose(r, path),
            ["quantity"] = quantity,
            ["unit"] = unit,
            ["repeats"] = dispense.NumberOfRepeatsAllowed ?? 0,
            ["substitution"] = Substitution(r.Substitution?.Allowed),
            ["minIntervalDays"] = IntervalDays(dispense.DispenseInterval, path + ".dispenseRequest.dispenseInterval"),
        };
        if (unitSystem is not null)
        {
            item["unitSystem"] = unitSystem;
        }

        if (r.GetExtensionValue<Code>(FhirSystems.ScheduleExtension)?.Value is { } schedule)
        {
            item["schedule"] = schedule;
        }

        var validity = dispense.ValidityPeriod;
        return (item,
            validity?.Start is { } s ? FhirRead.Time(s, endOfPeriod: false, path + ".dispenseRequest.validityPeriod.start") : null,
            validity?.End is { } e ? FhirRead.Time(e, endOfPeriod: true, path + ".dispenseRequest.validityPeriod.end") : null);
    }

    private static string Dose(MedicationRequest r, string path)
    {
        var texts = r.DosageInstruction.Select(d => d.Text ?? d.PatientInstruction).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var dose = texts.Count > 0 ? string.Join("; ", texts) : throw FhirRead.Unmappable(path + ".dosageInstruction.text", "is required: the ledger records the dose as written");
        return dose.Length <= 500 ? dose : throw FhirRead.Unmappable(path + ".dosageInstruction.text", "must be at most 500 characters");
    }

    /// <summary>allowedBoolean as given; allowedCodeableConcept allows unless its code is N (none, v3 ActSubstanceAdminSubstitutionCode); absent allows.</summary>
    private static bool Substitution(DataType? allowed) => allowed switch
    {
        FhirBoolean b => b.Value ?? true,
        CodeableConcept c => !c.Coding.Any(x => x.Code == "N"),
        _ => true,
    };

    private static long IntervalDays(Duration? interval, string path)
    {
        if (interval?.Value is not { } value)
        {
            return 0;
        }

        var days = (interval.Code ?? interval.Unit) switch
        {
            "d" or "day" or "days" => value,
            "wk" or "week" or "weeks" => value * 7,
            _ => throw FhirRead.Unmappable(path, "must be in days (d) or weeks (wk)"),
        };
        return days == decimal.Truncate(days) && days is >= 0 and <= 366
            ? (long)days
            : throw new LedgerException(ErrorCodes.QuantityNotInteger, $"{path} must be a whole number of days from 0 to 366.");
    }
}
