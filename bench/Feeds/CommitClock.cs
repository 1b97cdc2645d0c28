using System.Collections.Concurrent;
using System.Diagnostics;
using Ddl.Store;

namespace Ddl.Bench.Feeds;

/// <summary>
/// The Stopwatch time of each commit, from the feeds' <c>Ddl.Feeds</c> diagnostic source: the
/// chain grain reports an entry there right after the store has committed it, on the same turn,
/// before the writer is acknowledged. Commit-to-subscriber latency is measured from this.
/// </summary>
public sealed class CommitClock : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<(string Chain, long Seq), long> commits = new();
    private readonly List<IDisposable> subscriptions = [];

    public CommitClock() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public bool TryGet(string chain, long seq, out long ticks) => commits.TryGetValue((chain, seq), out ticks);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Ddl.Feeds")
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == "Committed" && e.Value is StoredEntry entry)
        {
            commits[(entry.Chain, entry.Seq)] = Stopwatch.GetTimestamp();
        }
    }

    // Diagnostic sources neither complete nor fail while the process runs; there is nothing to do.
    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
