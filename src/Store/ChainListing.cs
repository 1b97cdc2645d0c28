using System.Runtime.CompilerServices;

namespace Ddl.Store;

/// <summary>
/// Lists chain ids in keyset pages, so a long listing never holds a connection (or a read
/// snapshot) while the caller works through it. Both engines page over their (chain, seq)
/// index and differ only in how they fetch one page.
/// </summary>
internal static class ChainListing
{
    public const int PageSize = 256;

    /// <summary>Fetches up to <see cref="PageSize"/> distinct ids, ascending, from <c>from</c> (inclusive or not).</summary>
    public delegate Task<List<string>> FetchPage(string from, bool inclusive, CancellationToken ct);

    public static async IAsyncEnumerable<string> ListAsync(
        string? kindPrefix, FetchPage fetchPage, [EnumeratorCancellation] CancellationToken ct)
    {
        var prefix = kindPrefix ?? "";
        var from = prefix;
        var inclusive = true;
        while (true)
        {
            var page = await fetchPage(from, inclusive, ct);
            foreach (var chain in page)
            {
                // Ids come sorted: the first one without the prefix is past the prefix's range.
                if (!chain.StartsWith(prefix, StringComparison.Ordinal))
                    yield break;
                yield return chain;
            }
            if (page.Count < PageSize)
                yield break;
            from = page[^1];
            inclusive = false;
        }
    }
}
