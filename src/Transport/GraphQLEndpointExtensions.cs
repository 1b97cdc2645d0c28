using Ddl.Transport.Execution;
using Ddl.Transport.Http;
using Ddl.Transport.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ddl.Transport;

/// <summary>Maps the GraphQL endpoint: GraphQL over HTTP and graphql-transport-ws on one path.</summary>
public static class GraphQLEndpointExtensions
{
    /// <summary>
    /// Serves GraphQL at <paramref name="pattern"/>: GET (queries) and POST per the GraphQL-over-HTTP spec, and
    /// WebSocket upgrades with the graphql-transport-ws protocol on the same path (so a client needs one URL).
    /// Options come from DI (<c>services.Configure&lt;GraphQLHttpOptions&gt;(...)</c>) or their defaults.
    /// Needs <c>AddGraphQL(b => b.AddSchema&lt;T&gt;().AddSystemTextJson())</c>. The endpoint brings its own
    /// WebSocket middleware; a host that runs <c>UseWebSockets</c> upstream (to restrict origins, say) keeps
    /// its settings. Authentication is the host's middleware: the transport uses <c>HttpContext.User</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder app, string pattern = "/graphql")
    {
        var options = app.ServiceProvider.GetService<IOptions<GraphQLHttpOptions>>()?.Value ?? new GraphQLHttpOptions();
        return app.MapGraphQLHttp(pattern, options);
    }

    /// <summary>As <see cref="MapGraphQLHttp(IEndpointRouteBuilder, string)"/>, with options set here for this endpoint alone.</summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder app, string pattern, Action<GraphQLHttpOptions> configure)
    {
        var options = new GraphQLHttpOptions();
        configure(options);
        return app.MapGraphQLHttp(pattern, options);
    }

    private static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder app, string pattern, GraphQLHttpOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBodyBytes);
        GraphQLServices.EnsureRegistered(app.ServiceProvider);
        var http = new GraphQLHttpHandler(options);
        var webSockets = new GraphQLWebSocketHandler(options);

        var pipeline = app.CreateApplicationBuilder();
        // The WebSocket middleware only adds the upgrade feature; it leaves one installed upstream alone.
        pipeline.UseWebSockets();
        pipeline.Run(context => options.WebSockets.Enabled && context.WebSockets.IsWebSocketRequest
            ? webSockets.HandleAsync(context)
            : http.HandleAsync(context));

        return app.Map(pattern, pipeline.Build()).WithDisplayName("GraphQL " + pattern);
    }
}
