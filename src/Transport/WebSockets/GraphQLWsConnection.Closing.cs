using System.Text;

namespace Ddl.Transport.WebSockets;

/// <summary>Closing: the first reason wins, nothing blocks, and a watchdog bounds the handshake.</summary>
internal sealed partial class GraphQLWsConnection
{
    // Cancelled once RunAsync is done, so the watchdog never touches a finished connection.
    private readonly CancellationTokenSource _ended = new();
    private CloseRequest? _close;

    private sealed record CloseRequest(int Code, string Reason);

    /// <summary>
    /// Starts closing with <paramref name="code"/> unless a close is already under way. Queued messages are
    /// dropped, every operation is finished (releasing its event source now, not after a handshake that a client
    /// that does not read may never finish), the write loop sends the close frame, and a watchdog aborts the
    /// connection if that takes longer than <see cref="GraphQLWebSocketOptions.CloseTimeout"/>.
    /// Never blocks: it is called from event sources' OnNext.
    /// </summary>
    private void RequestClose(int code, string reason)
    {
        if (Interlocked.CompareExchange(ref _close, new CloseRequest(code, Truncate(reason)), null) is not null)
            return;
        TransportLog.ClosingConnection(_logger, code, reason);
        _outgoing.Writer.TryComplete();
        ThreadPool.UnsafeQueueUserWorkItem(static connection => connection.FinishAllOperations(), this, preferLocal: false);
        _ = AbortAfterCloseTimeoutAsync();
    }

    private async Task AbortAfterCloseTimeoutAsync()
    {
        try
        {
            await Task.Delay(_ws.CloseTimeout, _ended.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // Cancelling the pending send makes ManagedWebSocket abort the connection; Abort ends a pending receive.
        await _abortSends.CancelAsync();
        _socket.Abort();
    }

    // RFC 6455 caps a close reason at 123 UTF-8 bytes.
    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= 123)
            return reason;
        var cut = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, cut)) > 120)
            cut--;
        return string.Concat(reason.AsSpan(0, cut), "...");
    }
}
