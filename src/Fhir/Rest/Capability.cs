using Hl7.Fhir.Model;

namespace Ddl.Fhir.Rest;

/// <summary>The CapabilityStatement at /fhir/metadata: what the ledger's FHIR endpoint takes and gives.</summary>
public static class Capability
{
    public static CapabilityStatement Statement(DateTimeOffset now)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Bearer tokens as for GraphQL. Writes are signed by the author: headers DDL-Key, DDL-At, DDL-Nonce, DDL-Signature over the submission that POST [type]/$ddl-prepare returns, or custodially for institutions registered with custodialSigning. Every resource carries its ledger entry (chain, seq, hash) in the extension urn:ddl:fhir:StructureDefinition:ledger-entry.",
            Security = new CapabilityStatement.SecurityComponent { Description = "OAuth2-style bearer token (JWT) with sub and role claims." },
        };
        foreach (var type in new[] { "MedicationRequest", "MedicationDispense", "MedicationAdministration", "Procedure", "CarePlan" })
        {
            var resource = new CapabilityStatement.ResourceComponent { Type = type };
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            resource.Operation.Add(new CapabilityStatement.OperationComponent { Name = "ddl-prepare", Definition = "urn:ddl:fhir:OperationDefinition:ddl-prepare" });
            if (type == "MedicationRequest")
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "group-identifier", Type = SearchParamType.Token, Documentation = "One prescription, with its dispensings." });
            }

            rest.Resource.Add(resource);
        }

        var patient = new CapabilityStatement.ResourceComponent { Type = "Patient" };
        patient.Operation.Add(new CapabilityStatement.OperationComponent { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" });
        rest.Resource.Add(patient);
        rest.Interaction.Add(new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction });

        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "DDL, the Drugs Distribution Ledger" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "DDL FHIR R4 endpoint" },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest = [rest],
        };
    }
}
