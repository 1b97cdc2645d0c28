using System.Text;
using Ddl.Fhir;
using Ddl.Ledger;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Fhir;

/// <summary>FHIR R4 out, for front ends: the same exports as the /fhir REST endpoint, as FHIR JSON text.</summary>
public static class FhirQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<StringGraphType>>("fhirExport")
            .Description("A patient's whole record as a FHIR R4 collection Bundle (MedicationRequest, MedicationDispense, CarePlan, MedicationAdministration, Procedure), each resource with its ledger entry (chain, seq, hash). The patient, regulators, admins.")
            .Argument<NonNullGraphType<StringGraphType>>("patient", "`patient:<local>` (or the local id).")
            .ResolveAsync(async c => (object?)FhirJson.Serialize(
                await FhirMutations.Gateway(c).ExportPatientAsync(c.User, c.RequestServices!, c.GetArgument<string>("patient"))));

        query.Field<NonNullGraphType<StringGraphType>>("fhirPrescription")
            .Description("One prescription as a FHIR R4 collection Bundle: a MedicationRequest per item and a MedicationDispense per dispensing. Whoever may read the prescription.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "`prescription:<local>` (or the local id).")
            .ResolveAsync(async c => (object?)FhirJson.Serialize(
                await FhirMutations.Gateway(c).ExportDocumentAsync(c.User, c.RequestServices!, c.GetArgument<string>("id"), ChainKind.Prescription)));

        query.Field<NonNullGraphType<StringGraphType>>("fhirSubmissionToSign")
            .Description("The submission (canonical JSON) a FHIR resource maps to, for an institution that signs its own: sign `ddl.v1.submission\\n` followed by these bytes, then call submitFhir with the same resource, key, at and nonce. Nothing is written.")
            .Argument<NonNullGraphType<StringGraphType>>("resource", "The FHIR R4 JSON.")
            .Argument<NonNullGraphType<StringGraphType>>("key", "The id of the key you will sign with.")
            .Argument<StringGraphType>("at", "The time to sign (default: now).")
            .Argument<StringGraphType>("nonce", "The nonce to sign (default: from the resource's identity, else fresh).")
            .ResolveAsync(async c =>
            {
                var submission = await FhirMutations.Gateway(c).PrepareAsync(c.User, c.RequestServices!, c.GetArgument<string>("resource"),
                    c.GetArgument<string>("key"), c.GetArgument<string?>("at"), c.GetArgument<string?>("nonce"), expectedType: null);
                return (object?)Encoding.UTF8.GetString(submission.CanonicalBytes());
            });
    }
}
