using GraphQL;
using Microsoft.AspNetCore.Http;

namespace Ddl.Transport;

/// <summary>
/// Settings for the GraphQL endpoint mapped by <see cref="GraphQLEndpointExtensions.MapGraphQLHttp(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string)"/>:
/// GraphQL-over-HTTP (GET and POST) and, on the same path, the graphql-transport-ws WebSocket protocol.
/// </summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>256 KiB: the default for <see cref="MaxBodyBytes"/>.</summary>
    public const int DefaultMaxBodyBytes = 256 * 1024;

    /// <summary>
    /// The largest POST body accepted, in bytes; a larger one is answered with 413 before it is parsed.
    /// Defaults to 256 KiB (<see cref="DefaultMaxBodyBytes"/>): far above any hand-written document with its
    /// variables, and small enough that a flood of requests cannot pin much memory.
    /// </summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// When true, a GET must carry a non-empty <c>GraphQL-Require-Preflight</c> header or it is refused with 400.
    /// Off by default: GET only ever runs queries (mutations get 405), and POST only takes
    /// <c>application/json</c>, which browsers cannot send cross-site without a CORS preflight, so a forged
    /// cross-site request can read nothing and change nothing. Turn it on if queries have side effects or if
    /// the host authenticates with cookies and wants to stop cross-site GETs from running at all.
    /// </summary>
    public bool RequirePreflightHeaderOnGet { get; set; }

    /// <summary>
    /// Called for every operation, over HTTP and over the WebSocket, after the transport has filled in the
    /// <see cref="ExecutionOptions"/> (schema, document, variables, <c>User</c>, <c>RequestServices</c>,
    /// cancellation) and before execution: the place to set <c>UserContext</c>, a timeout or listeners.
    /// For WebSocket operations the <see cref="HttpContext"/> is the upgrade request and
    /// <c>ExecutionOptions.User</c> is the principal accepted at <c>connection_init</c>.
    /// Validation rules belong in DI (<c>AddValidationRule</c>), which keeps working with this transport.
    /// </summary>
    public Func<HttpContext, ExecutionOptions, Task>? ConfigureExecution { get; set; }

    /// <summary>The graphql-transport-ws settings for WebSocket upgrades on the same path.</summary>
    public GraphQLWebSocketOptions WebSockets { get; } = new();
}
