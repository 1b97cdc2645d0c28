namespace Ddl.Transport;

/// <summary>
/// Close codes the graphql-transport-ws server uses. The 44xx/4500 codes and their reasons are the
/// protocol's (enisdenjo/graphql-ws PROTOCOL.md); <see cref="SlowConsumer"/> is this server's choice.
/// </summary>
public static class GraphQLWebSocketCloseCodes
{
    /// <summary>Malformed message, unknown message type, blank id, or a binary frame.</summary>
    public const int BadRequest = 4400;

    /// <summary><c>subscribe</c> before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;

    /// <summary>The connection_init was refused by <see cref="GraphQLWebSocketOptions.AuthenticateConnection"/>.</summary>
    public const int Forbidden = 4403;

    /// <summary>The client did not offer the <c>graphql-transport-ws</c> sub-protocol.</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary>No acknowledged <c>connection_init</c> within <see cref="GraphQLWebSocketOptions.ConnectionInitTimeout"/>.</summary>
    public const int ConnectionInitialisationTimeout = 4408;

    /// <summary>A <c>subscribe</c> reused the id of an operation that is still running.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>A second <c>connection_init</c>.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>The server failed in a way the client did not cause.</summary>
    public const int InternalServerError = 4500;

    /// <summary>
    /// The client read too slowly and its outgoing buffer filled up. 1013 (IANA "Try Again Later") rather
    /// than 4500, because graphql-ws clients treat 4500 as fatal but retry on 1013: reconnecting and catching
    /// up from a cursor is exactly what a lagging live feed should do.
    /// </summary>
    public const int SlowConsumer = 1013;

    /// <summary>An incoming message exceeded <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/> (RFC 6455 1009).</summary>
    public const int MessageTooBig = 1009;
}
