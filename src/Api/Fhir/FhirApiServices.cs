using Ddl.Fhir.Gateway;

namespace Ddl.Api.Fhir;

public static class FhirApiServices
{
    /// <summary>Lets the FHIR gateway use GraphQL's authorization policy and error codes.</summary>
    public static IServiceCollection AddLedgerFhirPolicy(this IServiceCollection services) =>
        services.AddSingleton<IFhirPolicy, GraphQLFhirPolicy>();
}
