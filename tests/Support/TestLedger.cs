using System.Text;
using System.Text.Json.Nodes;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;

namespace Ddl.Tests.Support;

/// <summary>
/// A ledger's roots of trust made up for a test, and helpers that sign submissions the way a real
/// client does (canonical JSON, Ed25519, tagged input).
/// </summary>
public sealed class TestLedger
{
    public TestLedger()
    {
        Authority = SigningKey.Generate("root-1");
        Notary = SigningKey.Generate("notary-1");
        System = SigningKey.Generate("system-1");
        Genesis = new Genesis("ddl-test-" + Guid.NewGuid().ToString("N")[..8],
            [new AuthorityKey(AuthorityId, Authority.Public)], Notary.Public, System.Public);
        Trust = new LedgerTrust(Genesis, System);
    }

    public const string AuthorityId = "authority:root";

    public SigningKey Authority { get; }

    public SigningKey Notary { get; }

    public SigningKey System { get; }

    public Genesis Genesis { get; }

    public LedgerTrust Trust { get; }

    /// <summary>A fresh id of the given kind, unique to this test run.</summary>
    public static string NewId(string kind) => $"{kind}:{kind[..3]}-{Guid.NewGuid():N}";

    public static SignedSubmission Sign(SigningKey key, string author, string chain, string type, JsonObject body,
        string? nonce = null, DateTimeOffset? at = null)
    {
        var submission = Submission.Create(type, chain, author, key.Public.Id, at ?? DateTimeOffset.UtcNow,
            nonce ?? Guid.NewGuid().ToString("N"), body);
        return new SignedSubmission(Encoding.UTF8.GetString(submission.CanonicalBytes()), submission.Sign(key));
    }

    public SignedSubmission Registration(string institution, string kind, params SigningKey[] keys) =>
        Sign(Authority, AuthorityId, institution, "institution.registered", new JsonObject
        {
            ["kind"] = kind,
            ["name"] = "Test " + institution,
            ["region"] = "north",
            ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k.Public.ToJson()).ToArray()),
        });
}
