using System.Threading.Channels;
using Ddl.Ledger;
using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// One subscription: catches up from the store, then follows the live events its silo's hub
/// offers, with no gap and no duplicate between the two. While it reads the store, live events wait
/// in a bounded buffer and are de-duplicated when it drains; when that buffer overflows, the store
/// alone is read until the feed has caught up.
/// <para>
/// Deliveries go through a bounded queue of the feed's own, emptied by one task that runs the
/// subscriber (graphql-dotnet executes the subscription's selection for each event right inside
/// OnNext): the hub's thread only ever enqueues, so no client slows its silo's hub or other
/// clients. A client that falls <see cref="FeedOptions.DeliveryBuffer"/> events behind gets a
/// SLOW_CONSUMER error and resumes from its last cursor; one that does not read its socket is
/// disconnected by the transport's own bounded buffer first.
/// </para>
/// </summary>
public abstract partial class LiveFeed : IObservable<FeedDelivery>
{
    private readonly Lock gate = new();
    private readonly List<FeedEvent> buffer = [];
    private readonly CancellationTokenSource lifetime = new();
    private readonly Channel<FeedDelivery> deliveries;
    private IObserver<FeedDelivery>? observer;
    private bool catchingUp = true;
    private bool overflowed;
    private bool closed;

    protected LiveFeed(FeedContext context)
    {
        Context = context;
        deliveries = Channel.CreateBounded<FeedDelivery>(new BoundedChannelOptions(context.Options.DeliveryBuffer)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Where the hub files this feed: <c>chain:&lt;id&gt;</c>, <c>party:&lt;subject&gt;</c> or <c>*</c>.</summary>
    public abstract string IndexKey { get; }

    protected FeedContext Context { get; }

    protected IEntryStore Store => Context.Store;

    /// <summary>Whether the feed has caught up with the store and now follows the live events.</summary>
    internal bool IsLive
    {
        get
        {
            lock (gate)
            {
                return !catchingUp && !closed;
            }
        }
    }

    /// <summary>Whether a live event belongs to this feed; cheap, called on the hub's thread.</summary>
    public abstract bool Matches(FeedEvent e);

    public IDisposable Subscribe(IObserver<FeedDelivery> subscriber)
    {
        lock (gate)
        {
            if (observer is not null)
            {
                throw new InvalidOperationException("A live feed serves one subscriber.");
            }

            observer = subscriber;
        }

        _ = PumpAsync(subscriber);
        _ = RunAsync();
        return new Unsubscriber(this);
    }

    /// <summary>Called by the hub for each matching live event. Never blocks.</summary>
    internal void Offer(FeedEvent e)
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            if (catchingUp)
            {
                if (buffer.Count < Context.Options.CatchUpBuffer)
                {
                    buffer.Add(e);
                }
                else
                {
                    overflowed = true;
                    OnDroppedLocked(e);
                }

                return;
            }

            if (!DeliverLiveLocked(e))
            {
                // A gap only the store can fill: read it, then carry on from the buffer.
                buffer.Add(e);
                catchingUp = true;
                _ = CatchUpAndReportAsync();
            }
        }
    }

    /// <summary>Decides where the feed starts (its cursor or the store's head), just before it is registered with the hub.</summary>
    protected abstract Task StartAsync(CancellationToken ct);

    /// <summary>Reads one page from the store and delivers what belongs to the feed. Returns whether there may be more.</summary>
    protected abstract Task<bool> ReadStoreAsync(CancellationToken ct);

    /// <summary>Delivers a live event or drops it as already delivered; false when the store must be read first.</summary>
    protected abstract bool DeliverLiveLocked(FeedEvent e);

    /// <summary>A live event was dropped because the catch-up buffer is full; the store will be read again for it.</summary>
    protected abstract void OnDroppedLocked(FeedEvent e);

    /// <summary>The buffer overflowed and was emptied: read the store again far enough back for what was dropped.</summary>
    protected abstract void OnRescanLocked();

    /// <summary>Runs <paramref name="action"/> under the feed's lock (deliveries from the store take it too).</summary>
    protected void Locked(Action action)
    {
        lock (gate)
        {
            if (!closed)
            {
                action();
            }
        }
    }

    /// <summary>Queues one event for the subscriber; call under the lock.</summary>
    protected void EmitLocked(FeedEvent e, bool replayed, FeedCursor? cursor)
    {
        if (!deliveries.Writer.TryWrite(new FeedDelivery(e, replayed, cursor)))
        {
            closed = true;
            deliveries.Writer.TryComplete(new LedgerException(ErrorCodes.SlowConsumer,
                $"The subscriber fell {Context.Options.DeliveryBuffer} events behind the feed; resume from the last cursor received."));
            Context.Hub.Unregister(this);
        }
    }

    /// <summary>Waits until the delivery queue has room for a page read from the store (catching up is paced by the client).</summary>
    protected async Task WaitForRoomAsync(int needed, CancellationToken ct)
    {
        var room = Math.Max(0, Context.Options.DeliveryBuffer - needed);
        while (deliveries.Reader.Count > room && !Volatile.Read(ref closed))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }
    }

    private sealed class Unsubscriber(LiveFeed feed) : IDisposable
    {
        public void Dispose() => feed.Close();
    }
}
