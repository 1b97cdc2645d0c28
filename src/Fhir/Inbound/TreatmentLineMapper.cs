using System.Text.Json.Nodes;
using Ddl.Grains.Treatments;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// What is recorded against a treatment sheet: a completed MedicationAdministration
/// (<c>treatment.administered</c>) names its sheet in supportingInformation (CarePlan/&lt;id&gt;) and its
/// line by the drug it gave; a completed Procedure (<c>treatment.procedure_done</c>) names its sheet
/// in basedOn and its line by its code. Matching by code is what a clinical system can do without
/// knowing the ledger's line numbers.
/// </summary>
public static class TreatmentLineMapper
{
    public static async Task<MappedSubmission> AdministrationAsync(MedicationAdministration a, MedicationSource medications, Func<string, Task<TreatmentView?>> treatments)
    {
        if (a.Status != MedicationAdministration.MedicationAdministrationStatusCodes.Completed)
        {
            throw FhirRead.Unmappable("MedicationAdministration.status", $"is '{a.Status}'; the ledger records completed administrations");
        }

        var sheet = await SheetAsync(a.SupportingInformation, "MedicationAdministration.supportingInformation", treatments);
        CheckPatient(a.Subject, sheet, "MedicationAdministration.subject");
        var (concept, _) = DrugCoding.Resolve(a.Medication, a, medications, "MedicationAdministration.medication");
        var drug = DrugCoding.ToDrug(concept, "MedicationAdministration.medication");
        var matches = sheet.Medications.Where(m => SameDrug(m, drug)).ToList();
        var line = matches.Count == 1 ? matches[0]
            : throw FhirRead.Unmappable("MedicationAdministration.medication",
                matches.Count == 0 ? $"matches no medication of {sheet.Id}" : $"matches {matches.Count} medications of {sheet.Id}; the ledger cannot tell which");
        var (quantity, unit, _) = FhirRead.WholeQuantity(a.Dosage?.Dose, "MedicationAdministration.dosage.dose");
        var body = new JsonObject { ["item"] = line.Index, ["quantity"] = quantity, ["unit"] = unit };
        var nonce = a.Id is { } id ? $"fhir:MedicationAdministration/{id}" : null;
        return new MappedSubmission("MedicationAdministration", TreatmentEvents.Administered, sheet.Id, body, nonce, ["medical_centre"]);
    }

    public static async Task<MappedSubmission> ProcedureAsync(Procedure p, Func<string, Task<TreatmentView?>> treatments)
    {
        if (p.Status != EventStatus.Completed)
        {
            throw FhirRead.Unmappable("Procedure.status", $"is '{p.Status}'; the ledger records completed procedures");
        }

        var sheet = await SheetAsync(p.BasedOn, "Procedure.basedOn", treatments);
        CheckPatient(p.Subject, sheet, "Procedure.subject");
        var codes = p.Code?.Coding.Select(c => c.Code).Where(c => !string.IsNullOrEmpty(c)).ToHashSet()
            ?? throw FhirRead.Unmappable("Procedure.code", "is required: it names the procedure line of the treatment sheet");
        var matches = sheet.Procedures.Where(x => codes.Contains(x.Code)).ToList();
        var line = matches.Count == 1 ? matches[0]
            : throw FhirRead.Unmappable("Procedure.code", matches.Count == 0 ? $"matches no procedure of {sheet.Id}" : $"matches {matches.Count} procedures of {sheet.Id}");
        var nonce = p.Id is { } id ? $"fhir:Procedure/{id}" : null;
        return new MappedSubmission("Procedure", TreatmentEvents.ProcedureDone, sheet.Id, new JsonObject { ["procedure"] = line.Index }, nonce, ["medical_centre"]);
    }

    private static async Task<TreatmentView> SheetAsync(List<ResourceReference> references, string path, Func<string, Task<TreatmentView?>> treatments)
    {
        var ids = references.Select(r => FhirRead.ReferencedId(r, "CarePlan", path)).OfType<string>().Distinct().ToList();
        var local = ids.Count == 1 ? FhirRead.Local(ids[0], path) : throw FhirRead.Unmappable(path, "must reference exactly one CarePlan (the treatment sheet)");
        return await treatments("treatment:" + local)
            ?? throw new LedgerException(ErrorCodes.NotIssued, $"{path} names treatment:{local}, which the ledger does not hold.");
    }

    private static void CheckPatient(ResourceReference? subject, TreatmentView sheet, string path)
    {
        if (subject is not null && FhirRead.Patient(subject, path) != sheet.Patient)
        {
            throw FhirRead.Unmappable(path, $"is not the patient of {sheet.Id}");
        }
    }

    private static bool SameDrug(MedicationView line, JsonObject drug) =>
        (drug["atc"]?.GetValue<string>() is { } atc && line.Drug.Atc == atc)
        || (drug["national"]?.GetValue<string>() is { } national && line.Drug.National == national);
}
