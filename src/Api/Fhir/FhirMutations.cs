using Ddl.Fhir;
using Ddl.Fhir.Gateway;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Fhir;

/// <summary>FHIR R4 in, for front ends: the same operation as POST /fhir, with the same rules and codes.</summary>
public static class FhirMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<StringGraphType>>("submitFhir")
            .Description("Records a FHIR R4 resource (MedicationRequest or a Bundle of them, CarePlan, MedicationDispense, MedicationAdministration, Procedure) as the ledger event it stands for, and returns it as recorded (FHIR JSON, with its ledger entry in an extension). Signed with `signature`, or custodially when the author's institution opted in; needs a token whose subject is the author.")
            .Argument<NonNullGraphType<StringGraphType>>("resource", "The FHIR R4 JSON.")
            .Argument<FhirSignatureInputType>("signature", "The author's signature; leave out only when the institution opted into custodial signing.")
            .ResolveAsync(async c =>
            {
                var signature = c.GetArgument<Dictionary<string, object?>?>("signature") is { } s
                    ? new DetachedSignature((string)s["key"]!, (string)s["at"]!, (string)s["nonce"]!, (string)s["sig"]!)
                    : null;
                var created = await Gateway(c).SubmitAsync(c.User, c.RequestServices!, c.GetArgument<string>("resource"), signature, expectedType: null);
                return FhirJson.Serialize(created.Resource);
            });
    }

    public static FhirGateway Gateway(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<FhirGateway>();
}
