using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Store;

namespace Ddl.Bench.Reports;

/// <summary>
/// Turns planned entries into stored ones exactly as a chain grain does: the author's submission
/// (<see cref="Submission.Create"/>, signed with the author's Ed25519 key; the ledger's own
/// entries with the genesis system key), placed at the chain's next seq and linked to its head
/// (<see cref="Entry.Create"/>), hashed, and stored with its canonical text. Each chain's head is
/// kept here, so one signer must see all of a chain's entries, in order.
/// </summary>
public sealed class EntrySigner(LedgerWorld world, Random random)
{
    private readonly Dictionary<string, Head> heads = new(StringComparer.Ordinal);

    public List<StoredEntry> Sign(IEnumerable<PlannedEntry> planned)
    {
        var rows = new List<StoredEntry>();
        foreach (var p in planned)
        {
            heads.TryGetValue(p.Chain, out var head);
            // A chain's recordedAt never goes back and, here, always moves on.
            var at = head is not null && p.At <= head.At ? head.At.AddMilliseconds(1) : p.At;
            var (key, nonce, body, clientAt) = p.Author switch
            {
                Authors.Ledger when p.Links is { } linked => (world.Genesis.System, "link:" + linked, new JsonObject
                {
                    ["chain"] = linked, ["seq"] = 0, ["hash"] = heads[linked].First, ["type"] = "prescription.issued",
                }, at),
                Authors.Ledger => (world.Genesis.System, "expiry:" + p.Chain, p.Body, at),
                GenesisFiles.AuthorityId => (world.Genesis.Authority, Nonce(at), p.Body, at.AddMilliseconds(-random.Next(50, 500))),
                _ => (KeyOf(p.Author), Nonce(at), p.Body, at.AddMilliseconds(-random.Next(50, 500))),
            };
            var submission = Submission.Create(p.Type, p.Chain, p.Author, key.Public.Id, clientAt, nonce, body);
            var seq = head is null ? 0 : head.Seq + 1;
            var entry = Entry.Create(submission, submission.Sign(key), seq, head?.Hash ?? Hashes.ZeroHash, at);
            var (text, hash) = entry.CanonicalTextAndHash();
            heads[p.Chain] = new Head(seq, hash, at, head?.First ?? hash);
            rows.Add(new StoredEntry(entry.Chain, entry.Seq, hash, entry.Prev, submission.Author, submission.Nonce, submission.Type,
                entry.RecordedAt, text));
        }

        return rows;
    }

    private SigningKey KeyOf(string author)
    {
        var dash = author.LastIndexOf('-');
        var n = int.Parse(author.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture);
        return author.StartsWith("institution:centre-", StringComparison.Ordinal) ? world.CentreKey(n) : world.PharmacyKey(n);
    }

    // Time-ordered, as many clients make them (UUIDv7-like), and unique per author.
    private string Nonce(DateTimeOffset at) => $"{at.ToUnixTimeMilliseconds():x12}{random.NextInt64():x16}";

    private sealed record Head(long Seq, string Hash, DateTimeOffset At, string First);
}
