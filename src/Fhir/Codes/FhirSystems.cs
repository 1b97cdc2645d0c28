namespace Ddl.Fhir.Codes;

/// <summary>The code systems and identifier namespaces the mapping reads and writes.</summary>
public static class FhirSystems
{
    /// <summary>WHO ATC, as DOMAIN.md names it.</summary>
    public const string Atc = "http://www.whocc.no/atc";

    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>details.coding system of an OperationOutcome issue: the code is the ledger's error code, as GraphQL gives it.</summary>
    public const string ErrorCode = "urn:ddl:error-code";

    /// <summary>groupIdentifier system of exported MedicationRequests: the value is the prescription's local id.</summary>
    public const string Prescription = "urn:ddl:prescription";

    /// <summary>Identifier of one prescribed item: <c>prescription:&lt;local&gt;/&lt;index&gt;</c>.</summary>
    public const string PrescriptionItem = "urn:ddl:prescription-item";

    /// <summary>Identifier of a CarePlan: the treatment sheet's local id.</summary>
    public const string Treatment = "urn:ddl:treatment";

    /// <summary>The extension that ties a resource to the ledger entry it was recorded as (see <see cref="Outbound.LedgerReference"/>).</summary>
    public const string LedgerEntryExtension = "urn:ddl:fhir:StructureDefinition:ledger-entry";

    /// <summary>A controlled-drug schedule on a MedicationRequest (valueCode, e.g. UK-2, US-II): FHIR has no element for it.</summary>
    public const string ScheduleExtension = "urn:ddl:fhir:StructureDefinition:controlled-drug-schedule";
}
