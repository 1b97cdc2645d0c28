using Ddl.Api.Errors;
using Ddl.Api.Schema;
using Ddl.Api.Subscriptions;
using Ddl.Transport;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Ddl.Api;

public static class GraphQLSetup
{
    /// <summary>Registers the schema, its types and the execution limits.</summary>
    public static IServiceCollection AddLedgerGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(b => b
            .AddSchema<LedgerSchema>()
            .AddGraphTypes(typeof(LedgerSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(o => o.ExposeCodes = true)
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = 15;
                c.MaxComplexity = 50_000;
            })
            .ConfigureExecutionOptions(o => o.UnhandledExceptionDelegate = ErrorMapping.Handle)
            .ConfigureExecution<ParsedDocumentCache>());
        // Subscriptions over WebSocket authenticate with a token in connection_init (browsers cannot set headers).
        services.Configure<GraphQLHttpOptions>(o => o.WebSockets.AuthenticateConnection = ConnectionAuthentication.AuthenticateAsync);
        return services;
    }

    /// <summary>GraphQL over HTTP and over WebSocket (graphql-transport-ws), both at <c>/graphql</c>.</summary>
    public static IEndpointRouteBuilder MapLedgerGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapGraphQLHttp("/graphql");
        return app;
    }
}
