namespace Ddl.Grains.Feeds;

/// <summary>
/// The entries of one chain from a given seq. Exact by construction: a chain's seqs have no gaps,
/// so the next seq expected is the whole cursor, a live event beyond it means one was missed (read
/// the store), and one below it was already delivered.
/// </summary>
public sealed class ChainFeed(FeedContext context, string chain, long? fromSeq) : LiveFeed(context)
{
    private const int PageSize = 500;

    private readonly FeedEnricher enricher = context.NewEnricher();
    private long next;

    public string Chain => chain;

    public override string IndexKey => "chain:" + chain;

    public override bool Matches(FeedEvent e) => e.Chain == chain;

    protected override async Task StartAsync(CancellationToken ct)
    {
        // Whatever commits after this read is found by the catch-up or arrives live.
        var start = fromSeq ?? ((await Store.GetHeadAsync(chain, ct))?.Seq + 1 ?? 0);
        Locked(() => next = start);
    }

    protected override async Task<bool> ReadStoreAsync(CancellationToken ct)
    {
        await WaitForRoomAsync(PageSize, ct);
        var from = 0L;
        Locked(() => from = next);
        var page = await Store.ReadChainAsync(chain, from, PageSize, ct);
        foreach (var row in page)
        {
            // Enriched from the chain's own history, so replayed events carry the same facts as live ones.
            var e = await enricher.EnrichAsync(row, ct);
            Locked(() =>
            {
                if (e.Seq == next)
                {
                    EmitLocked(e, replayed: true, cursor: null);
                    next++;
                }
            });
        }

        return page.Count == PageSize;
    }

    protected override bool DeliverLiveLocked(FeedEvent e)
    {
        if (e.Seq > next)
        {
            return false;
        }

        if (e.Seq == next)
        {
            EmitLocked(e, replayed: false, cursor: null);
            next++;
        }

        return true;
    }

    // Nothing to remember or rewind: the store is read again from the next seq expected.
    protected override void OnDroppedLocked(FeedEvent e)
    {
    }

    protected override void OnRescanLocked()
    {
    }
}
