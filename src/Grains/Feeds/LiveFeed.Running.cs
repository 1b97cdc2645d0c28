namespace Ddl.Grains.Feeds;

/// <summary>A feed's life: start, catch up, follow live, and end (unsubscribed, or failed).</summary>
public abstract partial class LiveFeed
{
    private async Task PumpAsync(IObserver<FeedDelivery> subscriber)
    {
        try
        {
            await foreach (var delivery in deliveries.Reader.ReadAllAsync())
            {
                if (lifetime.IsCancellationRequested)
                {
                    return;
                }

                subscriber.OnNext(delivery);
            }
        }
        catch (Exception e)
        {
            // The queue was completed with the feed's failure (store down, slow consumer): pass it on.
            subscriber.OnError(e);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            // Where to start is read once the hub follows the shards (its head is then known) and
            // before the feed is filed with it: whatever commits after that point is found by the
            // catch-up below or arrives live, and the de-duplication sorts out what does both.
            await Context.Hub.EnsureAttachedAsync(lifetime.Token);
            await StartAsync(lifetime.Token);
            await Context.Hub.RegisterAsync(this, lifetime.Token);
            await CatchUpAsync(lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Unsubscribed while starting.
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private async Task CatchUpAndReportAsync()
    {
        try
        {
            await CatchUpAsync(lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Unsubscribed while filling a gap.
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        while (true)
        {
            while (await ReadStoreAsync(ct))
            {
            }

            var waitForStore = false;
            lock (gate)
            {
                if (closed)
                {
                    return;
                }

                if (overflowed)
                {
                    // Live events were dropped: the store has them, read it again before going live.
                    overflowed = false;
                    buffer.Clear();
                    OnRescanLocked();
                    continue;
                }

                var drained = 0;
                while (drained < buffer.Count && DeliverLiveLocked(buffer[drained]))
                {
                    drained++;
                }

                buffer.RemoveRange(0, drained);
                if (buffer.Count == 0)
                {
                    catchingUp = false;
                    return;
                }

                waitForStore = true;
            }

            // A live event is ahead of what the store showed a moment ago; give it a moment.
            if (waitForStore)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            }
        }
    }

    private void Fail(Exception error)
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            deliveries.Writer.TryComplete(error);
        }

        Context.Hub.Unregister(this);
    }

    private void Close()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            buffer.Clear();
            deliveries.Writer.TryComplete();
        }

        lifetime.Cancel();
        Context.Hub.Unregister(this);
    }
}
