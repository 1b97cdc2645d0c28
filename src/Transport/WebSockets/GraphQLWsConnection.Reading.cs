using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using GraphQL.Transport;

namespace Ddl.Transport.WebSockets;

/// <summary>The read loop: client messages, handled one at a time in arrival order.</summary>
internal sealed partial class GraphQLWsConnection
{
    private async Task ReadLoopAsync()
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        var discarding = false;
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(chunk.AsMemory(), _http.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // The client's close, or its answer to ours (then this request changes nothing).
                    RequestClose((int)WebSocketCloseStatus.NormalClosure, "");
                    return;
                }
                if (Volatile.Read(ref _close) is not null)
                    continue; // closing: read only to see the client's close frame
                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    RequestClose(GraphQLWebSocketCloseCodes.BadRequest, "Binary messages are not supported");
                    continue;
                }
                if (!discarding && message.WrittenCount + received.Count > _ws.MaxMessageBytes)
                {
                    RequestClose(GraphQLWebSocketCloseCodes.MessageTooBig, "Message too big");
                    discarding = true;
                }
                if (!discarding)
                    message.Write(chunk.AsSpan(0, received.Count));
                if (!received.EndOfMessage)
                    continue;
                if (!discarding)
                    await HandleAsync(message.WrittenMemory);
                message.ResetWrittenCount();
                discarding = false;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        if (!IncomingMessage.TryParse(utf8, _serializer, out var message, out var reason))
        {
            RequestClose(GraphQLWebSocketCloseCodes.BadRequest, reason);
            return;
        }

        switch (message!.Type)
        {
            case MessageTypes.ConnectionInit:
                await InitialiseAsync(message.Payload);
                break;
            case MessageTypes.Ping:
                Send(new OutgoingMessage(MessageTypes.Pong, Payload: message.Payload));
                break;
            case MessageTypes.Pong:
                break; // an answer to our ping, or a client heartbeat: nothing to do
            case MessageTypes.Subscribe:
                Subscribe(message.Id!, message.Request!);
                break;
            case MessageTypes.Complete:
                // The client stops listening: finish without sending anything. Unknown ids are ignored.
                if (_operations.TryRemove(message.Id!, out var operation))
                    operation.TryFinish();
                break;
        }
    }

    private async Task InitialiseAsync(JsonElement? payload)
    {
        if (Interlocked.CompareExchange(ref _state, StateInitialising, StateWaitingForInit) != StateWaitingForInit)
        {
            RequestClose(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        ClaimsPrincipal? user;
        try
        {
            // Awaited on the read loop on purpose: a subscribe sent right behind the init waits for the verdict
            // instead of being refused with 4401.
            user = _ws.AuthenticateConnection is { } authenticate ? await authenticate(_http, payload) : _http.User;
        }
        catch (Exception e)
        {
            TransportLog.ConnectionInitFailed(_logger, e);
            RequestClose(GraphQLWebSocketCloseCodes.InternalServerError, "Internal server error");
            return;
        }
        if (user is null)
        {
            RequestClose(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden");
            return;
        }

        _user = user;
        Volatile.Write(ref _state, StateAcknowledged);
        Send(new OutgoingMessage(MessageTypes.ConnectionAck));
    }

    private void Subscribe(string id, GraphQLRequest request)
    {
        if (Volatile.Read(ref _state) != StateAcknowledged)
        {
            RequestClose(GraphQLWebSocketCloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        var operation = new Operation(id, _lifetime.Token);
        if (!_operations.TryAdd(id, operation))
        {
            operation.Dispose();
            RequestClose(GraphQLWebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }
        // Tracked so the connection can wait for its operations to wind down before it returns.
        var task = ExecuteAsync(operation, request);
        _running.TryAdd(task, true);
        _ = task.ContinueWith(static (t, running) => ((ConcurrentDictionary<Task, bool>)running!).TryRemove(t, out _),
            _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
