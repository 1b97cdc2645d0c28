using System.Security.Cryptography;
using System.Text;
using Ddl.Store;

namespace Ddl.Bench.Notary;

/// <summary>
/// Entries shaped like real ones (a chain id, a 64-hex hash, a canonical text of typical size).
/// The notary reads only chain, seq and hash, so their content need not verify.
/// </summary>
public static class SyntheticEntries
{
    private static readonly string Body = new('x', 300);

    /// <summary><paramref name="count"/> entries spread over <paramref name="chains"/> fresh chains, seq ascending per chain.</summary>
    public static List<StoredEntry> Make(int count, int chains, string tag)
    {
        var entries = new List<StoredEntry>(count);
        var seqs = new long[chains];
        var prefix = $"prescription:b{tag}-";
        for (var i = 0; i < count; i++)
        {
            var c = i % chains;
            var chain = prefix + c;
            var seq = seqs[c]++;
            var nonce = $"{tag}-{i}";
            var json = $$"""{"body":"{{Body}}","chain":"{{chain}}","nonce":"{{nonce}}","seq":{{seq}},"v":1}""";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            entries.Add(new StoredEntry(chain, seq, hash, new string('0', 64), "institution:bench", nonce,
                "prescription.issued", "2026-11-25T17:00:00.000Z", json));
        }
        return entries;
    }
}
