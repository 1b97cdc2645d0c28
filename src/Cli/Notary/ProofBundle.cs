using System.Text.Json.Nodes;

namespace Ddl.Cli.Notary;

/// <summary>
/// An entry proof bundle (PROTOCOL.md 5) as a file, what <c>ddl proof</c> writes and
/// <c>ddl verify</c> checks:
/// <code>
/// {"format":"ddl.proof.v1","genesis":{…},
///  "entry":{"chain":"patient:p-42","seq":3,"hash":"…","canonical":"{…}"},
///  "leafIndex":1234,"auditPath":["…"],"checkpoint":{…,"sig":"…"},"consistency":[{"fromSize":…,"proof":[…]}]}
/// </code>
/// <c>entry.canonical</c> is left out when the maker could not read the entry: the bundle then
/// proves that an entry with that hash is in the log. <c>consistency</c> is optional.
/// </summary>
public sealed record ProofBundle(
    JsonObject Genesis,
    string Chain,
    long Seq,
    string Hash,
    string? Canonical,
    long LeafIndex,
    IReadOnlyList<string> AuditPath,
    SignedCheckpointFile Checkpoint,
    IReadOnlyList<ConsistencyItem> Consistency)
{
    public const string Format = "ddl.proof.v1";

    public JsonObject ToJson()
    {
        var entry = new JsonObject { ["chain"] = Chain, ["seq"] = Seq, ["hash"] = Hash };
        if (Canonical is not null)
        {
            entry["canonical"] = Canonical;
        }
        var json = new JsonObject
        {
            ["format"] = Format,
            ["genesis"] = Genesis.DeepClone(),
            ["entry"] = entry,
            ["leafIndex"] = LeafIndex,
            ["auditPath"] = Hex.Array(AuditPath),
            ["checkpoint"] = Checkpoint.ToJson(),
        };
        if (Consistency.Count > 0)
        {
            json["consistency"] = new JsonArray(Consistency.Select(c => (JsonNode)c.ToJson()).ToArray());
        }
        return json;
    }

    public static ProofBundle FromJson(JsonNode node)
    {
        if (node["format"]?.GetValue<string>() != Format)
        {
            throw new FormatException($"Not a DDL proof bundle: 'format' must be '{Format}'.");
        }

        var entry = node["entry"] ?? throw new FormatException("'entry' is missing.");
        return new ProofBundle(
            node["genesis"] as JsonObject ?? throw new FormatException("'genesis' is missing."),
            entry["chain"]?.GetValue<string>() ?? throw new FormatException("'entry.chain' is missing."),
            entry["seq"]?.GetValue<long>() ?? throw new FormatException("'entry.seq' is missing."),
            entry["hash"]?.GetValue<string>() ?? throw new FormatException("'entry.hash' is missing."),
            entry["canonical"]?.GetValue<string>(),
            node["leafIndex"]?.GetValue<long>() ?? throw new FormatException("'leafIndex' is missing."),
            Hex.List(node["auditPath"], "auditPath"),
            SignedCheckpointFile.FromJson(node["checkpoint"] ?? throw new FormatException("'checkpoint' is missing.")),
            ConsistencyItem.ListFrom(node["consistency"]));
    }
}
