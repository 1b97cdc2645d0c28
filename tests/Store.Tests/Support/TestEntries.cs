using System.Security.Cryptography;
using System.Text;
using Ddl.Store;

namespace Ddl.Store.Tests.Support;

/// <summary>Entries that look like the real thing; every test gets chains nobody else uses.</summary>
internal static class TestEntries
{
    public const string Author = "institution:test-clinic";
    public static readonly string Genesis = new('0', 64);

    public static string NewChain(string kind = "prescription") => $"{kind}:t{Guid.NewGuid():N}";

    public static string NewNonce() => Guid.NewGuid().ToString("N");

    public static StoredEntry Entry(string chain, long seq, string? prev = null, string? nonce = null, string author = Author)
    {
        nonce ??= NewNonce();
        var json = $$"""{"chain":"{{chain}}","nonce":"{{nonce}}","seq":{{seq}},"v":1}""";
        return new StoredEntry(chain, seq, Hash(json), prev ?? Genesis, author, nonce,
            "prescription.issued", "2026-11-25T17:00:00.000Z", json);
    }

    /// <summary>Seq 0..count-1 of one chain, each linked to the one before.</summary>
    public static List<StoredEntry> Chain(string chain, int count)
    {
        var entries = new List<StoredEntry>(count);
        for (var seq = 0; seq < count; seq++)
            entries.Add(Entry(chain, seq, prev: seq == 0 ? Genesis : entries[^1].Hash));
        return entries;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
            list.Add(item);
        return list;
    }
}
