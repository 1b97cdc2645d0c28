using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ddl.Transport;

/// <summary>Settings for the graphql-transport-ws protocol served on the GraphQL path.</summary>
public sealed class GraphQLWebSocketOptions
{
    /// <summary>When false, upgrade requests are not accepted and the path serves plain HTTP only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a client has after the socket opens to send <c>connection_init</c> and be acknowledged before
    /// the server closes with 4408. Three seconds, the protocol's reference default.
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Decides who the connection belongs to, given the upgrade request (already through the host's
    /// authentication middleware) and the <c>connection_init</c> payload (browsers cannot set headers on a
    /// WebSocket, so tokens often travel here). Return the principal that every operation on the socket runs
    /// as, or <see langword="null"/> to refuse the connection (close 4403 Forbidden). An exception closes
    /// with 4500. When unset, every connection is accepted as <see cref="HttpContext.User"/>.
    /// </summary>
    public Func<HttpContext, JsonElement?, Task<ClaimsPrincipal?>>? AuthenticateConnection { get; set; }

    /// <summary>
    /// How many outgoing messages may wait for a client that reads slowly. When the buffer is full the
    /// connection is closed with 1013 "Slow consumer" (see <see cref="GraphQLWebSocketCloseCodes.SlowConsumer"/>)
    /// instead of blocking the event source or buffering without bound.
    /// </summary>
    public int OutgoingBufferCapacity { get; set; } = 512;

    /// <summary>The largest incoming message accepted, in bytes; a larger one closes with 1009. 256 KiB.</summary>
    public int MaxMessageBytes { get; set; } = GraphQLHttpOptions.DefaultMaxBodyBytes;

    /// <summary>
    /// When set, the server sends a graphql-transport-ws <c>ping</c> this often once the connection is
    /// acknowledged, to keep idle proxies from dropping the socket. Off by default: graphql-ws clients ping on
    /// their own, and ASP.NET already sends WebSocket-level keep-alive frames.
    /// </summary>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>
    /// How long a closing handshake may take (the client answering our close frame, or a stuck send to a slow
    /// client finishing) before the connection is aborted outright.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
