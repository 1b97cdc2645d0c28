using System.Text.Json.Nodes;

namespace Ddl.Cli.Export;

/// <summary>
/// A self-contained, verifiable export: the genesis, and every chain needed to check the chains
/// asked for (the institution chains of their authors included). Each entry keeps the exact
/// stored canonical text, so a verifier hashes the very bytes the ledger holds.
/// <code>
/// {"format":"ddl.export.v1","exportedAt":"…","genesis":{…},
///  "chains":[{"id":"institution:x","entries":[{"hash":"…","canonical":"{…}"}]}]}
/// </code>
/// </summary>
public sealed record ExportFile(JsonObject Genesis, IReadOnlyList<ExportedChain> Chains, string ExportedAt)
{
    public const string Format = "ddl.export.v1";

    public JsonObject ToJson() => new()
    {
        ["format"] = Format,
        ["exportedAt"] = ExportedAt,
        ["genesis"] = Genesis.DeepClone(),
        ["chains"] = new JsonArray(Chains.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["entries"] = new JsonArray(c.Entries.Select(e => (JsonNode)new JsonObject
            {
                ["hash"] = e.Hash,
                ["canonical"] = e.Canonical,
            }).ToArray()),
        }).ToArray()),
    };

    public static ExportFile FromJson(JsonNode node)
    {
        if (node["format"]?.GetValue<string>() != Format)
        {
            throw new FormatException($"Not a DDL export: 'format' must be '{Format}'.");
        }

        var chains = (node["chains"] as JsonArray ?? throw new FormatException("'chains' is missing."))
            .Select(c => new ExportedChain(
                c!["id"]!.GetValue<string>(),
                (c["entries"] as JsonArray ?? throw new FormatException("'entries' is missing."))
                    .Select(e => new ExportedEntry(e!["hash"]!.GetValue<string>(), e["canonical"]!.GetValue<string>()))
                    .ToList()))
            .ToList();
        return new ExportFile(node["genesis"] as JsonObject ?? throw new FormatException("'genesis' is missing."), chains,
            node["exportedAt"]?.GetValue<string>() ?? "");
    }
}

public sealed record ExportedChain(string Id, IReadOnlyList<ExportedEntry> Entries);

public sealed record ExportedEntry(string Hash, string Canonical);
