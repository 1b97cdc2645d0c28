using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// A published public key, PROTOCOL.md's K: <c>{"id": "&lt;key id&gt;", "alg": "Ed25519", "pub": "&lt;base64url&gt;"}</c>.
/// </summary>
public sealed record PublicKeyInfo(string Id, string Alg, string Pub)
{
    public const string Ed25519 = "Ed25519";

    /// <summary>A K for 32 raw Ed25519 public key bytes.</summary>
    public static PublicKeyInfo Create(string id, ReadOnlySpan<byte> publicKey32)
    {
        var key = new PublicKeyInfo(id, Ed25519, Base64Url.Encode(publicKey32));
        key.Validate();
        return key;
    }

    /// <summary>The 32 raw public key bytes.</summary>
    /// <exception cref="LedgerException">INVALID_KEY.</exception>
    public byte[] PublicKeyBytes()
    {
        Validate();
        return Base64Url.Decode(Pub);
    }

    /// <exception cref="LedgerException">INVALID_KEY when the id, alg or pub breaks the K rules.</exception>
    public void Validate()
    {
        if (!Syntax.IsKeyId(Id))
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"key id \"{Id}\" is not 1-64 of A-Z a-z 0-9 . _ : -");
        }
        if (Alg != Ed25519)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"key {Id}: alg \"{Alg}\" is not supported; only Ed25519");
        }
        if (!Base64Url.TryDecode(Pub, out var bytes) || bytes.Length != 32)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"key {Id}: pub is not 32 bytes of unpadded base64url");
        }
    }

    public JsonObject ToJson() => new() { ["alg"] = Alg, ["id"] = Id, ["pub"] = Pub };

    /// <summary>Reads a K, refusing unknown members so a key has one JSON form.</summary>
    /// <exception cref="LedgerException">INVALID_KEY.</exception>
    public static PublicKeyInfo FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, "a key must be a JSON object {id, alg, pub}");
        }
        foreach (var (name, _) in obj)
        {
            if (name is not ("id" or "alg" or "pub"))
            {
                throw new LedgerException(ErrorCodes.InvalidKey, $"unknown member \"{name}\" in a key");
            }
        }
        var key = new PublicKeyInfo(Member(obj, "id"), Member(obj, "alg"), Member(obj, "pub"));
        key.Validate();
        return key;
    }

    internal static PublicKeyInfo FromJsonIgnoring(JsonObject obj, string extraMember)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name != extraMember)
            {
                copy[name] = value?.DeepClone();
            }
        }
        return FromJson(copy);
    }

    private static string Member(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new LedgerException(ErrorCodes.InvalidKey, $"key member \"{name}\" must be a string");
}
