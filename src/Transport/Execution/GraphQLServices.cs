using System.Security.Claims;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Transport.Execution;

/// <summary>
/// The graphql-dotnet services the transport needs, looked up per request so a scoped schema works too,
/// failing fast with the registration to add when one is missing.
/// </summary>
internal static class GraphQLServices
{
    private const string AddSchema = "services.AddGraphQL(b => b.AddSchema<TSchema>())";
    private const string AddSystemTextJson = "services.AddGraphQL(b => b.AddSystemTextJson())";

    /// <summary>Fails at startup, not on the first request, when graphql-dotnet is not registered.</summary>
    public static void EnsureRegistered(IServiceProvider services)
    {
        if (services.GetService<IServiceProviderIsService>() is not { } registry)
            return;
        if (!registry.IsService(typeof(IDocumentExecuter)))
            throw Missing(nameof(IDocumentExecuter), AddSchema);
        if (!registry.IsService(typeof(ISchema)))
            throw Missing(nameof(ISchema), AddSchema);
        if (!registry.IsService(typeof(IGraphQLSerializer)))
            throw Missing(nameof(IGraphQLSerializer), AddSystemTextJson);
    }

    public static IDocumentExecuter Executer(IServiceProvider services) =>
        services.GetService<IDocumentExecuter>() ?? throw Missing(nameof(IDocumentExecuter), AddSchema);

    public static IGraphQLSerializer Serializer(IServiceProvider services) =>
        services.GetService<IGraphQLSerializer>() ?? throw Missing(nameof(IGraphQLSerializer), AddSystemTextJson);

    /// <summary>ExecutionOptions for one operation, common to HTTP and WebSocket.</summary>
    public static ExecutionOptions CreateOptions(GraphQLRequest request, IServiceProvider services, ClaimsPrincipal user, CancellationToken cancellation) => new()
    {
        Schema = services.GetService<ISchema>() ?? throw Missing(nameof(ISchema), AddSchema),
        Query = request.Query,
        DocumentId = request.DocumentId,
        OperationName = request.OperationName,
        Variables = request.Variables,
        Extensions = request.Extensions,
        RequestServices = services,
        User = user,
        CancellationToken = cancellation,
    };

    private static InvalidOperationException Missing(string service, string registration) =>
        new($"The GraphQL transport needs {service} in DI; register it with {registration}.");
}
