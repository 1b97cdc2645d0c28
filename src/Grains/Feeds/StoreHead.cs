using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>The store's highest position, found with the one global read the store offers.</summary>
internal static class StoreHead
{
    /// <summary>
    /// Gallops up, then halves down: about 2·log2(position) one-row reads by primary key, once per
    /// hub start. 0 when the store is empty.
    /// </summary>
    public static async Task<long> LastPositionAsync(IEntryStore store, CancellationToken ct)
    {
        async Task<long?> NextAfter(long position) =>
            (await store.ReadSinceAsync(position, 1, ct)) is [var row] ? row.Position : null;

        if (await NextAfter(0) is not { } first)
        {
            return 0;
        }

        // Invariant: something exists after lo, nothing after hi.
        var lo = first;
        var hi = Math.Max(first * 2, 1);
        while (await NextAfter(hi) is { } beyond)
        {
            lo = beyond;
            hi = beyond * 2;
        }

        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (await NextAfter(mid) is { } found)
            {
                lo = found;
            }
            else
            {
                hi = mid;
            }
        }

        // Nothing after hi and lo exists (lo is a position found, or something follows lo): the last is lo or hi.
        return await NextAfter(lo) is { } last ? last : lo;
    }
}
