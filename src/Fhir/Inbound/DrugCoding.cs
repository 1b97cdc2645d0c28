using System.Text.Json.Nodes;
using Ddl.Fhir.Codes;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// A FHIR medication (a CodeableConcept, or a reference to a Medication contained in the resource
/// or carried in the same Bundle) as the ledger's drug: the ATC code when one is coded, the first
/// other coding as the national code with its system kept beside it, and a name.
/// </summary>
public static class DrugCoding
{
    /// <summary>The concept and, when the medication was a resource, that Medication (for its batch).</summary>
    public static (CodeableConcept Concept, Medication? Resource) Resolve(DataType? medication, DomainResource owner, MedicationSource others, string path)
    {
        switch (medication)
        {
            case CodeableConcept concept:
                return (concept, null);
            case ResourceReference { Reference: { } reference }:
                var found = reference.StartsWith('#')
                    ? owner.Contained.OfType<Medication>().FirstOrDefault(m => "#" + m.Id == reference)
                    : others.Find(reference);
                return found?.Code is { } code
                    ? (code, found)
                    : throw FhirRead.Unmappable(path, $"references '{reference}', which is neither contained nor in the Bundle with a code");
            default:
                throw FhirRead.Unmappable(path, "must be a medicationCodeableConcept or a medicationReference");
        }
    }

    public static JsonObject ToDrug(CodeableConcept concept, string path)
    {
        var atc = concept.Coding.FirstOrDefault(c => c.System == FhirSystems.Atc && !string.IsNullOrEmpty(c.Code));
        var national = concept.Coding.FirstOrDefault(c => c.System != FhirSystems.Atc && !string.IsNullOrEmpty(c.Code));
        if (atc is null && national is null)
        {
            throw FhirRead.Unmappable(path, $"needs a coding: an ATC code (system {FhirSystems.Atc}) or a national drug code");
        }

        var name = concept.Text ?? atc?.Display ?? national?.Display ?? atc?.Code ?? national!.Code;
        var drug = new JsonObject();
        if (atc is not null)
        {
            drug["atc"] = atc.Code;
        }

        if (national is not null)
        {
            drug["national"] = national.Code;
            if (national.System is not null)
            {
                drug["nationalSystem"] = national.System;
            }
        }

        drug["name"] = name;
        return drug;
    }
}

/// <summary>Medication resources a Bundle carries beside the resources that reference them, by fullUrl and by Medication/id.</summary>
public sealed class MedicationSource
{
    private readonly Dictionary<string, Medication> byReference = new(StringComparer.Ordinal);

    public static readonly MedicationSource None = new();

    public void Add(string? fullUrl, Medication medication)
    {
        if (fullUrl is not null)
        {
            byReference[fullUrl] = medication;
        }

        if (medication.Id is not null)
        {
            byReference["Medication/" + medication.Id] = medication;
        }
    }

    public Medication? Find(string reference) => byReference.GetValueOrDefault(reference);
}
