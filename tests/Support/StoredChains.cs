using Ddl.Ledger;
using Ddl.Store;

namespace Ddl.Tests.Support;

/// <summary>Reads chains back from a store and verifies them with the protocol core, as an auditor would.</summary>
public static class StoredChains
{
    public static async Task<IReadOnlyList<StoredEntry>> ReadAllAsync(IEntryStore store, string chain)
    {
        var all = new List<StoredEntry>();
        while (true)
        {
            var page = await store.ReadChainAsync(chain, all.Count, 1000);
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }
        }
    }

    /// <summary>Verifies <paramref name="chain"/> with keys from the given institution chains; null when it holds.</summary>
    public static async Task<VerificationFailure?> VerifyAsync(IEntryStore store, Genesis genesis, string chain, params string[] institutions)
    {
        var directory = new KeyDirectory(genesis);
        foreach (var institution in institutions)
        {
            foreach (var row in await ReadAllAsync(store, institution))
            {
                directory.Apply(Entry.Parse(row.CanonicalJson));
            }
        }

        var entries = await ReadAllAsync(store, chain);
        return ChainVerifier.Verify(entries.Select(e => (e.CanonicalJson, (string?)e.Hash)), directory, chain);
    }
}
