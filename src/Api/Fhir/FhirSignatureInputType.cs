using GraphQL.Types;

namespace Ddl.Api.Fhir;

/// <summary>An institution's own signature over the submission its FHIR resource maps to (fhirSubmissionToSign gives it).</summary>
public sealed class FhirSignatureInputType : InputObjectGraphType
{
    public FhirSignatureInputType()
    {
        Name = "FhirSignatureInput";
        Description = "The author's detached signature over the submission `fhirSubmissionToSign` returned for the same resource, key, time and nonce.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The id of the author's key.");
        Field<NonNullGraphType<StringGraphType>>("at").Description("The time that was signed (`at` of the submission).");
        Field<NonNullGraphType<StringGraphType>>("nonce").Description("The nonce that was signed.");
        Field<NonNullGraphType<StringGraphType>>("sig").Description("base64url Ed25519 signature over `ddl.v1.submission\\n` and the submission's canonical JSON.");
    }
}
