using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Entries of any chain that pass a filter (the dispensing and prescription feeds), in store
/// position order on catch-up and commit order live, with a <see cref="FeedCursor"/> on every
/// event. Store positions are not committed in order on PostgreSQL, so the cursor keeps the last
/// few seconds' positions explicitly (see <see cref="FeedOptions.Settle"/>).
/// </summary>
public sealed class LogFeed : LiveFeed
{
    private const int PageSize = 500;

    private readonly string indexKey;
    private readonly Func<StoredEntry, bool> mayMatch;
    private readonly Func<FeedEvent, bool> matches;
    private readonly FeedCursor? resumeFrom;
    private readonly FeedEnricher enricher;

    // Positions delivered from the store: a live copy of one of them may still be on its way (or be
    // re-sent by a hub repair), so they are remembered until no repair can reach back that far.
    private readonly HashSet<long> replayed = [];
    private long lastReplayTicks;
    private long rescanFrom = long.MaxValue;
    private CursorTracker tracker = null!;
    private long floor;
    private long scanned;

    public LogFeed(FeedContext context, string indexKey, Func<StoredEntry, bool> mayMatch, Func<FeedEvent, bool> matches, FeedCursor? resumeFrom)
        : base(context)
    {
        this.indexKey = indexKey;
        this.mayMatch = mayMatch;
        this.matches = matches;
        this.resumeFrom = resumeFrom;
        enricher = context.NewEnricher();
    }

    public override string IndexKey => indexKey;

    public override bool Matches(FeedEvent e) => matches(e);

    protected override Task StartAsync(CancellationToken ct)
    {
        // Without a cursor the feed starts where this silo saw the store's head a moment ago:
        // everything committed later reaches it from the store or live.
        var start = resumeFrom?.Watermark ?? Context.Hub.StartPosition;
        var already = resumeFrom?.Above ?? [];
        Locked(() =>
        {
            floor = start;
            scanned = start;
            replayed.UnionWith(already);
            tracker = new CursorTracker(start, already, Now, Context.Options.Settle.Ticks);
        });
        return Task.CompletedTask;
    }

    protected override async Task<bool> ReadStoreAsync(CancellationToken ct)
    {
        await WaitForRoomAsync(PageSize, ct);
        var from = 0L;
        Locked(() => from = scanned);
        var page = await Store.ReadSinceAsync(from, PageSize, ct);
        foreach (var row in page)
        {
            var e = mayMatch(row) ? await enricher.EnrichAsync(row, ct) : null;
            Locked(() =>
            {
                scanned = row.Position;
                if (e is not null && matches(e) && row.Position > floor && replayed.Add(row.Position))
                {
                    EmitLocked(e, replayed: true, tracker.Deliver(row.Position, Now));
                }
            });
        }

        Locked(() => lastReplayTicks = Now);
        return page.Count == PageSize;
    }

    protected override bool DeliverLiveLocked(FeedEvent e)
    {
        if (replayed.Count > 0 && Now - lastReplayTicks > Context.Options.RepairLookback.Ticks * 2)
        {
            replayed.Clear();
        }

        // At or below the floor: delivered before this subscription (its cursor says so) or before it began.
        if (e.Position > floor && !replayed.Contains(e.Position))
        {
            EmitLocked(e, replayed: false, tracker.Deliver(e.Position, Now));
        }

        return true;
    }

    // A dropped event may lie below where the scan has got to (positions commit out of order).
    protected override void OnDroppedLocked(FeedEvent e) => rescanFrom = Math.Min(rescanFrom, e.Position - 1);

    protected override void OnRescanLocked()
    {
        scanned = Math.Min(scanned, rescanFrom);
        rescanFrom = long.MaxValue;
    }

    private long Now => Context.Clock.GetUtcNow().UtcTicks;
}
