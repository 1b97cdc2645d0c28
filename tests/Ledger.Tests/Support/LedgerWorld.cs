using System.Text.Json.Nodes;

namespace Ddl.Ledger.Tests.Support;

/// <summary>
/// A small ledger built in memory: a genesis with one authority, and chains appended to with
/// properly signed entries. Tests then break one thing and check the verifier notices.
/// </summary>
internal sealed class LedgerWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string AuthorityId = "authority:registry";

    public LedgerWorld()
    {
        Authority = TestKeys.Key("registry-key-1");
        Notary = TestKeys.Key("notary-key-1");
        System = TestKeys.Key("system-key-1");
        Genesis = new Genesis("ddl-test", [new AuthorityKey(AuthorityId, Authority.Public)], Notary.Public, System.Public);
    }

    public SigningKey Authority { get; }
    public SigningKey Notary { get; }
    public SigningKey System { get; }
    public Genesis Genesis { get; }

    public static DateTimeOffset Minute(int n) => T0.AddMinutes(n);

    public ChainWriter Chain(string chain) => new(chain);

    /// <summary>An institution chain with its registration (by the authority) at seq 0, recorded at minute 0.</summary>
    public ChainWriter RegisterInstitution(string institution, params SigningKey[] keys)
    {
        var chain = Chain(institution);
        var keyArray = new JsonArray();
        foreach (var key in keys)
        {
            keyArray.Add(key.Public.ToJson());
        }
        chain.Append(InstitutionEvents.Registered, AuthorityId, Authority,
            new JsonObject { ["kind"] = "pharmacy", ["name"] = "Test " + institution, ["region"] = "north", ["keys"] = keyArray },
            Minute(0));
        return chain;
    }
}

internal sealed class ChainWriter(string chain)
{
    private int _nonce;

    public string Id { get; } = chain;
    public List<Entry> Entries { get; } = [];

    public string LastHash => Entries.Count == 0 ? Hashes.ZeroHash : Entries[^1].Hash();

    public Entry Append(string type, string author, SigningKey key, JsonObject body, DateTimeOffset recordedAt)
    {
        var submission = Submission.Create(type, Id, author, key.Id, recordedAt.AddSeconds(-1), $"nonce-{Id}-{_nonce++}", body);
        var entry = Entry.Create(submission, submission.Sign(key), Entries.Count, LastHash, recordedAt);
        Entries.Add(entry);
        return entry;
    }

    /// <summary>The chain as a store would hand it to the verifier: canonical text and stored hash.</summary>
    public List<(string CanonicalJson, string? StoredHash)> Stored() =>
        Entries.Select(e => (e.CanonicalText(), (string?)e.Hash())).ToList();

    public List<(string CanonicalJson, string? StoredHash)> TextOnly() =>
        Entries.Select(e => (e.CanonicalText(), (string?)null)).ToList();
}
