using Ddl.Store.Notary;

namespace Ddl.Grains.Feeds;

/// <summary>
/// The notary's checkpoints in number order. Numbers run 1, 2, 3... without gaps, so the number of
/// the last one received is the whole cursor: resuming after it reads the missed ones from the
/// store, then waits for new ones. Without a cursor the feed starts with the latest checkpoint.
/// </summary>
public sealed class CheckpointFeed(INotaryStore notary, CheckpointWatcher watcher, long? after) : IObservable<SignedCheckpoint>
{
    public IDisposable Subscribe(IObserver<SignedCheckpoint> observer)
    {
        var lifetime = new CancellationTokenSource();
        _ = RunAsync(observer, lifetime.Token);
        return new Unsubscriber(lifetime);
    }

    private async Task RunAsync(IObserver<SignedCheckpoint> observer, CancellationToken ct)
    {
        try
        {
            var next = after + 1 ?? Math.Max(1, (await notary.LatestCheckpointAsync(ct))?.Checkpoint.Number ?? 1);
            while (true)
            {
                if (await notary.GetCheckpointAsync(next, ct) is { } checkpoint)
                {
                    observer.OnNext(checkpoint);
                    next++;
                    continue;
                }

                await watcher.WaitBeyondAsync(next - 1, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Unsubscribed.
        }
        catch (Exception e)
        {
            observer.OnError(e);
        }
    }

    private sealed class Unsubscriber(CancellationTokenSource lifetime) : IDisposable
    {
        public void Dispose() => lifetime.Cancel();
    }
}
