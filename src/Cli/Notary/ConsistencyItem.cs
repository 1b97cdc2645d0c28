using System.Text.Json.Nodes;

namespace Ddl.Cli.Notary;

/// <summary>
/// An RFC 9162 consistency proof from an older tree size to the size of the checkpoint it travels
/// with: <c>{"fromSize": n, "proof": ["hex", …]}</c>.
/// </summary>
public sealed record ConsistencyItem(long FromSize, IReadOnlyList<string> Proof)
{
    public static ConsistencyItem FromJson(JsonNode node) => new(
        node["fromSize"]?.GetValue<long>() ?? throw new FormatException("a consistency proof needs 'fromSize'"),
        Hex.List(node["proof"], "proof"));

    public JsonObject ToJson() => new()
    {
        ["fromSize"] = FromSize,
        ["proof"] = Hex.Array(Proof),
    };

    /// <summary>Reads the optional <c>consistency</c> member of an export or a bundle.</summary>
    public static IReadOnlyList<ConsistencyItem> ListFrom(JsonNode? node) =>
        node is null ? [] : (node as JsonArray ?? throw new FormatException("'consistency' must be an array")).Select(i => FromJson(i!)).ToList();
}
