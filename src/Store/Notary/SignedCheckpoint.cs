using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Store.Notary;

/// <summary>A checkpoint (PROTOCOL.md 5) with the notary's signature over its tagged canonical bytes.</summary>
/// <param name="Checkpoint">The signed statement: ledger, number, size, root, sealedAt, key.</param>
/// <param name="Sig">Ed25519 over <c>"ddl.v1.checkpoint\n" || JCS(checkpoint)</c>, base64url.</param>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, string Sig)
{
    /// <summary>The checkpoint's canonical JSON text: what the signature covers, after the tag.</summary>
    public string CanonicalJson => Encoding.UTF8.GetString(Checkpoint.CanonicalBytes());

    /// <summary>
    /// The form a verifier saves and the CLI reads: the checkpoint's members plus <c>sig</c>, e.g.
    /// <c>{"key":…,"ledger":…,"number":…,"root":…,"sealedAt":…,"sig":…,"size":…,"v":1}</c>.
    /// </summary>
    public JsonObject ToJson()
    {
        var json = Checkpoint.ToJson();
        json["sig"] = Sig;
        return json;
    }

    /// <summary>Rebuilds a stored checkpoint from the exact text that was signed.</summary>
    /// <exception cref="LedgerException">The text is not a valid checkpoint.</exception>
    public static SignedCheckpoint FromStored(string canonicalJson, string sig) => new(Checkpoint.Parse(canonicalJson), sig);
}
