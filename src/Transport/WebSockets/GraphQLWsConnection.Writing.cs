using System.Buffers;
using System.Net.WebSockets;

namespace Ddl.Transport.WebSockets;

/// <summary>The write loop: the socket's only sender, draining the bounded outgoing channel.</summary>
internal sealed partial class GraphQLWsConnection
{
    // Cancelled by the close watchdog: aborts a send stuck on a client that stopped reading.
    private readonly CancellationTokenSource _abortSends = new();

    /// <summary>Queues a message without waiting; a full buffer closes the connection as a slow consumer.</summary>
    private void Send(OutgoingMessage message)
    {
        if (_outgoing.Writer.TryWrite(message) || Volatile.Read(ref _close) is not null)
            return;
        TransportLog.SlowConsumer(_logger, _ws.OutgoingBufferCapacity);
        RequestClose(GraphQLWebSocketCloseCodes.SlowConsumer, "Slow consumer");
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync())
            {
                while (Volatile.Read(ref _close) is null && _outgoing.Reader.TryRead(out var message))
                {
                    buffer.ResetWrittenCount();
                    if (!await TrySerializeAsync(message, buffer))
                        break;
                    await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _abortSends.Token);
                }
                if (Volatile.Read(ref _close) is not null)
                    break; // what is still queued is dropped: the connection is going away
            }

            var close = Volatile.Read(ref _close)!;
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, _abortSends.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The socket died or was aborted by the close watchdog; the read loop ends on its own.
        }
    }

    private async Task<bool> TrySerializeAsync(OutgoingMessage message, ArrayBufferWriter<byte> buffer)
    {
        try
        {
            await message.WriteToAsync(buffer, _serializer, _abortSends.Token);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A result the host's serializer cannot write: the client cannot be told anything else reliably.
            TransportLog.OperationFailed(_logger, message.Id ?? message.Type, e);
            RequestClose(GraphQLWebSocketCloseCodes.InternalServerError, "Internal server error");
            return false;
        }
    }

    private async Task PingLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetime.Token))
            {
                if (Volatile.Read(ref _state) == StateAcknowledged)
                    Send(new OutgoingMessage(MessageTypes.Ping));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
