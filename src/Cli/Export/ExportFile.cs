using System.Text.Json.Nodes;
using Ddl.Cli.Notary;

namespace Ddl.Cli.Export;

/// <summary>
/// A self-contained, verifiable export: the genesis, and every chain needed to check the chains
/// asked for (the institution chains of their authors included). Each entry keeps the exact
/// stored canonical text, so a verifier hashes the very bytes the ledger holds.
/// <code>
/// {"format":"ddl.export.v1","exportedAt":"…","genesis":{…},
///  "chains":[{"id":"institution:x","entries":[{"hash":"…","canonical":"{…}","leafIndex":7,"auditPath":["…"]}]}],
///  "checkpoint":{…,"sig":"…"}, "consistency":[{"fromSize":5,"proof":["…"]}]}
/// </code>
/// <c>checkpoint</c> (the notary's latest when the file was made), each entry's <c>leafIndex</c> and
/// <c>auditPath</c> (its inclusion in that checkpoint) and <c>consistency</c> (proofs from the
/// checkpoints given with <c>--checkpoint</c>) are optional: files without them still read
/// (<see cref="ExportFileReader"/>).
/// </summary>
public sealed record ExportFile(
    JsonObject Genesis,
    IReadOnlyList<ExportedChain> Chains,
    string ExportedAt,
    SignedCheckpointFile? Checkpoint = null,
    IReadOnlyList<ConsistencyItem>? Consistency = null)
{
    public const string Format = "ddl.export.v1";

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["exportedAt"] = ExportedAt,
            ["genesis"] = Genesis.DeepClone(),
            ["chains"] = new JsonArray(Chains.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["entries"] = new JsonArray(c.Entries.Select(e => (JsonNode)e.ToJson()).ToArray()),
            }).ToArray()),
        };
        if (Checkpoint is not null)
        {
            json["checkpoint"] = Checkpoint.ToJson();
        }
        if (Consistency is { Count: > 0 })
        {
            json["consistency"] = new JsonArray(Consistency.Select(c => (JsonNode)c.ToJson()).ToArray());
        }
        return json;
    }
}

public sealed record ExportedChain(string Id, IReadOnlyList<ExportedEntry> Entries);

/// <param name="LeafIndex">The entry's leaf in the export's checkpoint, when it was sealed in it.</param>
/// <param name="AuditPath">Its RFC 9162 audit path to that checkpoint's root, hex.</param>
public sealed record ExportedEntry(string Hash, string Canonical, long? LeafIndex = null, IReadOnlyList<string>? AuditPath = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["hash"] = Hash, ["canonical"] = Canonical };
        if (LeafIndex is { } index && AuditPath is not null)
        {
            json["leafIndex"] = index;
            json["auditPath"] = Hex.Array(AuditPath);
        }
        return json;
    }
}
