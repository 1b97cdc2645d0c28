using Ddl.Store;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    [Fact]
    public async Task listing_chains_gives_distinct_ids_in_ordinal_order_filtered_by_prefix()
    {
        var prefix = $"patient:t{Guid.NewGuid():N}-";
        // Ordinal order is '1' < 'B' < '_' < 'a': a culture-aware collation would sort these differently.
        string[] names = [prefix + "b", prefix + "B", prefix + "_x", prefix + "1", prefix + "a.z"];
        foreach (var name in names)
            Appended(await Store.AppendAsync(Entry(name, 0)));
        Appended(await Store.AppendAsync(Entry(names[0], 1)));
        var institution = NewChain("institution");
        Appended(await Store.AppendAsync(Entry(institution, 0)));

        var listed = await Store.ListChainsAsync(prefix).CollectAsync();
        var institutions = await Store.ListChainsAsync("institution:").CollectAsync();
        var all = await Store.ListChainsAsync(null).CollectAsync();

        Assert.Equal(names.Order(StringComparer.Ordinal), listed);
        Assert.Contains(institution, institutions);
        Assert.All(institutions, chain => Assert.StartsWith("institution:", chain));
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Superset(names.Append(institution).ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public async Task listing_chains_pages_through_more_chains_than_one_page_holds()
    {
        var prefix = $"treatment:t{Guid.NewGuid():N}-";
        var names = Enumerable.Range(0, ChainListing.PageSize + 44).Select(i => $"{prefix}{i:D4}").ToList();
        Assert.All(await Store.AppendBatchAsync(names.Select(name => Entry(name, 0)).ToList()), o => Appended(o));
        // Neighbours just outside the prefix, on both sides, must not leak in.
        Appended(await Store.AppendAsync(Entry(prefix.TrimEnd('-'), 0)));
        Appended(await Store.AppendAsync(Entry(prefix.TrimEnd('-') + ".", 0)));

        Assert.Equal(names, await Store.ListChainsAsync(prefix).CollectAsync());
    }

    [Fact]
    public async Task reading_since_a_position_returns_later_entries_in_position_order()
    {
        var a = NewChain();
        var b = NewChain();
        var mark = Appended(await Store.AppendAsync(Entry(a, 0)));
        var later = new List<StoredEntry>
        {
            Appended(await Store.AppendAsync(Entry(a, 1))),
            Appended(await Store.AppendAsync(Entry(b, 0))),
            Appended(await Store.AppendAsync(Entry(a, 2))),
        };

        // Other writers may share the database, so page through and keep only our chains.
        var seen = new List<StoredEntry>();
        var after = mark.Position;
        while (true)
        {
            var page = await Store.ReadSinceAsync(after, 2);
            if (page.Count == 0)
                break;
            Assert.True(page.Count <= 2);
            Assert.All(page, e => Assert.True(e.Position > after));
            Assert.Equal(page.OrderBy(e => e.Position), page);
            seen.AddRange(page.Where(e => e.Chain == a || e.Chain == b));
            after = page[^1].Position;
        }

        Assert.Equal(later, seen);
        Assert.Empty(await Store.ReadSinceAsync(mark.Position, 0));
    }

    [Fact]
    public async Task entries_survive_disposing_and_reopening_the_store()
    {
        var chain = NewChain();
        var first = Database.OpenStore();
        var stored = (await first.AppendBatchAsync(Chain(chain, 3))).Select(Appended).ToList();
        await first.DisposeAsync();

        await using var reopened = Database.OpenStore();

        Assert.Equal(stored, await reopened.ReadChainAsync(chain, 0, 10));
        Assert.Equal(new ChainHead(2, stored[2].Hash), await reopened.GetHeadAsync(chain));
        Assert.Equal(stored[1], await reopened.FindByNonceAsync(stored[1].Author, stored[1].Nonce));
        Assert.Equal(ExpectedEngine, reopened.Engine);
    }
}
