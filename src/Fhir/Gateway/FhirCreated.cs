using Ddl.Grains.Wire;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Gateway;

/// <summary>What a FHIR submission became: the resource as the ledger now exports it (with its ledger reference) and the receipt.</summary>
public sealed record FhirCreated(Resource Resource, Receipt Receipt);
