using Ddl.Grains.Feeds;

namespace Ddl.Grains.Tests;

/// <summary>Subscribes to a feed and keeps what it delivers, optionally stalling in OnNext like a subscriber that cannot keep up.</summary>
public sealed class FeedCollector : IObserver<FeedDelivery>, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<FeedDelivery> received = [];
    private readonly ManualResetEventSlim released;
    private readonly IDisposable subscription;
    private Exception? error;

    public FeedCollector(IObservable<FeedDelivery> feed, bool stalled = false)
    {
        released = new ManualResetEventSlim(!stalled);
        subscription = feed.Subscribe(this);
    }

    public IReadOnlyList<FeedDelivery> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public Exception? Error => Volatile.Read(ref error);

    public void Release() => released.Set();

    /// <summary>Waits until at least <paramref name="count"/> events have come.</summary>
    public async Task<IReadOnlyList<FeedDelivery>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Received.Count < count)
        {
            Assert.True(Error is null, $"the feed failed: {Error}");
            Assert.True(DateTime.UtcNow < deadline, $"{Received.Count} events came, expected {count}.");
            await Task.Delay(10);
        }

        return Received;
    }

    public void OnNext(FeedDelivery value)
    {
        released.Wait();
        lock (gate)
        {
            received.Add(value);
        }
    }

    public void OnError(Exception e) => Volatile.Write(ref error, e);

    public void OnCompleted() => Volatile.Write(ref error, new InvalidOperationException("A live feed never completes on its own."));

    public void Dispose()
    {
        subscription.Dispose();
        released.Set();
    }
}
