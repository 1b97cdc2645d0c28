using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ddl.Transport.WebSockets;

/// <summary>Accepts a WebSocket upgrade on the GraphQL path and runs graphql-transport-ws on it.</summary>
internal sealed class GraphQLWebSocketHandler(GraphQLHttpOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(TransportLog.Category);
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(MessageTypes.SubProtocol, StringComparer.Ordinal))
        {
            // A close code needs an open socket: accept without a sub-protocol, then close with 4406.
            using var refused = await context.WebSockets.AcceptWebSocketAsync();
            TransportLog.ClosingConnection(logger, GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(options.WebSockets.CloseTimeout);
            try
            {
                await refused.CloseAsync((WebSocketCloseStatus)GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The client did not finish the closing handshake; the socket is aborted either way.
            }
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(MessageTypes.SubProtocol);
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        await new GraphQLWsConnection(context, socket, options, logger, stopping).RunAsync();
    }
}
