using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

/// <summary>The file <c>ddl sign</c> writes and <c>ddl submit</c> reads: <c>{"submission": {…}, "sig": "…"}</c>.</summary>
public static class SignedDocument
{
    public static JsonObject Create(Submission submission, SigningKey key) => new()
    {
        ["submission"] = submission.ToJson(),
        ["sig"] = submission.Sign(key),
    };

    /// <summary>The submission as canonical JSON text (what the API takes) and the signature.</summary>
    public static (string Submission, string Sig) Read(string json)
    {
        var doc = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("Expected {\"submission\": {...}, \"sig\": \"...\"}.");
        var submission = doc["submission"] ?? throw new FormatException("'submission' is missing.");
        var sig = doc["sig"]?.GetValue<string>() ?? throw new FormatException("'sig' is missing.");
        return (Encoding.UTF8.GetString(CanonicalJson.Canonicalize(submission.ToJsonString())), sig);
    }
}
