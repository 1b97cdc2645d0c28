namespace Ddl.Transport.WebSockets;

/// <summary>
/// One running subscribe id on a connection. The gate makes "send a message for this id" and "this id is
/// finished" atomic, so nothing is sent for an id after its complete or error, and after the client's own
/// complete nothing at all (the protocol's "stop sending for that id").
/// </summary>
internal sealed class Operation : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancellation;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;
    private bool _isFinished;
    private bool _isDisposed;

    public Operation(string id, CancellationToken connectionLifetime)
    {
        Id = id;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionLifetime);
        Cancellation = _cancellation.Token;
    }

    public string Id { get; }

    /// <summary>Cancelled when the operation finishes for any reason or the connection ends.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Completes when the operation has finished; a subscription's execution waits on it.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Runs <paramref name="send"/> unless the operation has finished.</summary>
    public void SendIfActive(Action send)
    {
        lock (_gate)
        {
            if (!_isFinished)
                send();
        }
    }

    /// <summary>
    /// Marks the operation finished, sending its last message (if any) under the same lock, then releases
    /// the event stream. Only the first call does anything.
    /// </summary>
    public bool TryFinish(Action? sendLast = null)
    {
        IDisposable? subscription;
        lock (_gate)
        {
            if (_isFinished)
                return false;
            _isFinished = true;
            sendLast?.Invoke();
            subscription = _subscription;
            _subscription = null;
        }
        subscription?.Dispose();
        // Under the gate so it cannot race Dispose; the gate is re-entrant, should a callback send for this id.
        lock (_gate)
        {
            if (!_isDisposed)
                _cancellation.Cancel();
        }
        _finished.TrySetResult();
        return true;
    }

    /// <summary>Holds the event stream's subscription; if the operation already finished, drops it at once.</summary>
    public void Attach(IDisposable subscription)
    {
        lock (_gate)
        {
            if (!_isFinished)
            {
                _subscription = subscription;
                return;
            }
        }
        subscription.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
            _isDisposed = true;
        _cancellation.Dispose();
    }
}
