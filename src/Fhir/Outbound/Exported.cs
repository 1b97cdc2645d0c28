using System.Text.Json.Nodes;
using Ddl.Fhir.Codes;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Outbound;

/// <summary>Ledger values as FHIR elements: the inverse of what the inbound mapping reads.</summary>
public static class Exported
{
    public static CodeableConcept Drug(JsonNode? drug)
    {
        var concept = new CodeableConcept { Text = Text(drug, "name") };
        if (Text(drug, "atc") is { } atc)
        {
            concept.Coding.Add(new Coding(FhirSystems.Atc, atc));
        }

        if (Text(drug, "national") is { } national)
        {
            concept.Coding.Add(new Coding(Text(drug, "nationalSystem"), national));
        }

        return concept;
    }

    /// <summary>The unit as it came: coded (code and system) when a system came with it, else unit text.</summary>
    public static Quantity Quantity(long value, string unit, string? system) =>
        system is null ? new Quantity { Value = value, Unit = unit } : new Quantity { Value = value, Unit = unit, System = system, Code = unit };

    public static ResourceReference Patient(string patientChain) => new("Patient/" + ChainId.Parse(patientChain).Local);

    public static ResourceReference Institution(string institution) =>
        new() { Identifier = new Identifier("urn:ddl:institution", institution), Display = institution };

    /// <summary>A FHIR id when the local id is one (FHIR ids have no underscore), else null: the identifier still names it.</summary>
    public static string? Id(string candidate) =>
        candidate.Length <= 64 && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? candidate : null;

    public static string? Text(JsonNode? node, string name) => node?[name]?.GetValue<string>();

    public static long Integer(JsonNode? node, string name) => node?[name]?.GetValue<long>() ?? 0;

    public static FhirDateTime DateTime(string ledgerTime) => new(LedgerTime.Parse(ledgerTime));
}
