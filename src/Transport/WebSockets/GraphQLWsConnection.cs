using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Threading.Channels;
using Ddl.Transport.Execution;
using GraphQL;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ddl.Transport.WebSockets;

/// <summary>
/// One graphql-transport-ws connection. Three kinds of work share it: the read loop handles client messages
/// in order (<c>.Reading.cs</c>); each operation runs as its own task (<c>.Operations.cs</c>); the write loop
/// is the only sender on the socket and drains a bounded channel (<c>.Writing.cs</c>). Everything that wants
/// to send (acks, pongs, results, events) writes to the channel without waiting; a full channel means the
/// client reads too slowly, and the connection is closed (<c>.Closing.cs</c>).
/// </summary>
internal sealed partial class GraphQLWsConnection
{
    private const int StateWaitingForInit = 0;
    private const int StateInitialising = 1;
    private const int StateAcknowledged = 2;

    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private readonly GraphQLHttpOptions _options;
    private readonly GraphQLWebSocketOptions _ws;
    private readonly IGraphQLSerializer _serializer;
    private readonly ILogger _logger;
    private readonly CancellationToken _serverStopping;
    private readonly Channel<OutgoingMessage> _outgoing;
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    // Cancelled when the connection ends: stops timers and every operation.
    private readonly CancellationTokenSource _lifetime;
    private ClaimsPrincipal _user;
    private int _state;

    public GraphQLWsConnection(HttpContext http, WebSocket socket, GraphQLHttpOptions options, ILogger logger, CancellationToken serverStopping)
    {
        _http = http;
        _socket = socket;
        _options = options;
        _ws = options.WebSockets;
        _logger = logger;
        _serverStopping = serverStopping;
        _user = http.User;
        _serializer = GraphQLServices.Serializer(http.RequestServices);
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _outgoing = Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(Math.Max(1, _ws.OutgoingBufferCapacity))
        {
            SingleReader = true,
            // Writers only ever call TryWrite, which fails on a full channel instead of waiting: that failure
            // is the slow-consumer signal.
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public async Task RunAsync()
    {
        var writeLoop = WriteLoopAsync();
        var initTimeout = CloseUnlessAcknowledgedAsync();
        var pings = _ws.PingInterval is { } interval ? PingLoopAsync(interval) : Task.CompletedTask;
        // Without this, a host shutting down would wait for every open socket until its shutdown timeout.
        using var stopping = _serverStopping.Register(
            static c => ((GraphQLWsConnection)c!).RequestClose((int)WebSocketCloseStatus.EndpointUnavailable, "Server shutting down"), this);
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ConnectionAbortedException)
        {
            // The client went away without a closing handshake.
        }
        finally
        {
            RequestClose((int)WebSocketCloseStatus.NormalClosure, "");
            await _lifetime.CancelAsync();
            FinishAllOperations();
            await writeLoop;
            await Task.WhenAll(_running.Keys.Append(initTimeout).Append(pings));
            await _ended.CancelAsync();
            _lifetime.Dispose();
        }
    }

    private async Task CloseUnlessAcknowledgedAsync()
    {
        try
        {
            await Task.Delay(_ws.ConnectionInitTimeout, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // Not yet acknowledged includes an auth hook that is still deciding: the deadline covers both.
        if (Volatile.Read(ref _state) != StateAcknowledged)
            RequestClose(GraphQLWebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
    }
}
