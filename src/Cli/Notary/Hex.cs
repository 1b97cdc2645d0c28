using System.Text.Json.Nodes;

namespace Ddl.Cli.Notary;

/// <summary>Lists of hex hashes in the files the CLI reads and writes.</summary>
public static class Hex
{
    public static IReadOnlyList<string> List(JsonNode? node, string member) =>
        (node as JsonArray ?? throw new FormatException($"'{member}' must be an array of hex strings"))
            .Select(h => h?.GetValue<string>() ?? throw new FormatException($"'{member}' holds a null"))
            .ToList();

    public static JsonArray Array(IEnumerable<string> hashes) => new(hashes.Select(h => (JsonNode)JsonValue.Create(h)).ToArray());

    /// <summary>Decodes a proof's hashes; null when one is not 64 lowercase hex digits.</summary>
    public static List<byte[]>? Decode(IReadOnlyList<string> hashes)
    {
        var decoded = new List<byte[]>(hashes.Count);
        foreach (var h in hashes)
        {
            if (h.Length != 64 || h.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
            {
                return null;
            }
            decoded.Add(Convert.FromHexString(h));
        }
        return decoded;
    }
}
