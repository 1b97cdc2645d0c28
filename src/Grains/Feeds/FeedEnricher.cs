using Ddl.Grains.Prescriptions;
using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Turns stored entries into <see cref="FeedEvent"/>s. Prescription entries need their chain's
/// history (who issued it, who took part), which this keeps per chain as it goes and reads from the
/// store when it meets a chain mid-way. One enricher serves one sequential reader (a publisher
/// shard, one catch-up, one repair): not thread-safe, and entries of a chain must come in seq order
/// for the cache to help (any other order is still right, only slower).
/// </summary>
internal sealed class FeedEnricher(IEntryStore store, InstitutionRegions regions, int capacity = 10_000)
{
    private const string PrescriptionPrefix = "prescription:";
    private const int PageSize = 1000;

    private readonly Dictionary<string, PrescriptionTrail> trails = new(StringComparer.Ordinal);
    private readonly Queue<string> arrival = new();

    public async ValueTask<FeedEvent> EnrichAsync(StoredEntry entry, CancellationToken ct)
    {
        if (!entry.Chain.StartsWith(PrescriptionPrefix, StringComparison.Ordinal))
        {
            return FeedEvent.Plain(entry);
        }

        var trail = await TrailBeforeAsync(entry.Chain, entry.Seq, ct);
        var region = entry.Type == PrescriptionEvents.Dispensed ? await regions.RegionOfAsync(entry.Author) : null;
        var (prescription, dispensing) = trail.Fold(entry, region);
        return FeedEvent.Plain(entry) with { Prescription = prescription, Dispensing = dispensing };
    }

    /// <summary>The chain's trail folded up to just before <paramref name="seq"/>.</summary>
    private async ValueTask<PrescriptionTrail> TrailBeforeAsync(string chain, long seq, CancellationToken ct)
    {
        if (trails.TryGetValue(chain, out var cached) && cached.NextSeq == seq)
        {
            return cached;
        }

        var trail = new PrescriptionTrail();
        while (trail.NextSeq < seq)
        {
            var page = await store.ReadChainAsync(chain, trail.NextSeq, (int)Math.Min(PageSize, seq - trail.NextSeq), ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var row in page)
            {
                trail.Fold(row, null);
            }
        }

        Remember(chain, trail);
        return trail;
    }

    private void Remember(string chain, PrescriptionTrail trail)
    {
        if (!trails.ContainsKey(chain))
        {
            arrival.Enqueue(chain);
        }

        trails[chain] = trail;
        // First in, first out: a prescription is busy for days at most, and a re-read costs one query.
        while (trails.Count > capacity && arrival.TryDequeue(out var oldest))
        {
            trails.Remove(oldest);
        }
    }
}
