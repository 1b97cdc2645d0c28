using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// The notary's signed statement of the global Merkle log (PROTOCOL.md 5):
/// <c>sig = Ed25519(notaryKey, "ddl.v1.checkpoint\n" || JCS(checkpoint))</c>.
/// </summary>
public sealed record Checkpoint(int V, string Ledger, long Number, long Size, string Root, string SealedAt, string Key)
{
    private static readonly string[] MemberNames = ["v", "ledger", "number", "size", "root", "sealedAt", "key"];

    /// <summary>A version-1 checkpoint; <paramref name="root"/> is the raw 32-byte tree hash.</summary>
    public static Checkpoint Create(string ledger, long number, long size, byte[] root, DateTimeOffset sealedAt, string keyId)
    {
        ArgumentNullException.ThrowIfNull(root);
        var checkpoint = new Checkpoint(1, ledger, number, size, Convert.ToHexStringLower(root), LedgerTime.Format(sealedAt), keyId);
        checkpoint.Validate();
        return checkpoint;
    }

    public static Checkpoint Parse(string json) => FromJson(CanonicalJson.ParseObject(json));

    /// <exception cref="LedgerException">INVALID_CHECKPOINT, UNSUPPORTED_VERSION, INVALID_TIME.</exception>
    public static Checkpoint FromJson(JsonNode node)
    {
        var m = new Members(node, ErrorCodes.InvalidCheckpoint, "checkpoint");
        m.Version();
        m.Only(MemberNames);
        var checkpoint = new Checkpoint(1, m.String("ledger"), m.Integer("number"), m.NonNegative("size"),
            m.Hash("root"), m.Time("sealedAt"), m.KeyId("key"));
        checkpoint.Validate();
        return checkpoint;
    }

    /// <exception cref="LedgerException">INVALID_CHECKPOINT, UNSUPPORTED_VERSION, INVALID_TIME.</exception>
    public void Validate()
    {
        if (V != 1)
        {
            throw new LedgerException(ErrorCodes.UnsupportedVersion, $"checkpoint has version {V}; this verifier knows version 1");
        }
        if (!Syntax.IsLocal(Ledger))
        {
            throw Invalid($"ledger id \"{Ledger}\" is not 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (Number < 1)
        {
            throw Invalid("number starts at 1");
        }
        if (Size < 0)
        {
            throw Invalid("size must not be negative");
        }
        if (!Syntax.IsHash(Root))
        {
            throw Invalid("root must be 64 lowercase hex digits");
        }
        if (!LedgerTime.IsValid(SealedAt))
        {
            throw new LedgerException(ErrorCodes.InvalidTime, $"checkpoint sealedAt \"{SealedAt}\" is not yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        if (!Syntax.IsKeyId(Key))
        {
            throw Invalid($"key \"{Key}\" is not a key id");
        }
    }

    /// <summary>The root as 32 raw bytes, as <see cref="Merkle"/> computes it.</summary>
    public byte[] RootBytes() => Convert.FromHexString(Root);

    public JsonObject ToJson() => new()
    {
        ["key"] = Key,
        ["ledger"] = Ledger,
        ["number"] = Number,
        ["root"] = Root,
        ["sealedAt"] = SealedAt,
        ["size"] = Size,
        ["v"] = V,
    };

    public byte[] CanonicalBytes() => CanonicalDocument.Bytes(WriteTo);

    /// <summary>The notary's signature, base64url.</summary>
    public string Sign(SigningKey k)
    {
        ArgumentNullException.ThrowIfNull(k);
        Validate();
        return CanonicalDocument.Sign(Tags.Checkpoint, k, WriteTo);
    }

    public bool Verify(PublicKeyInfo notary, string sig) => CanonicalDocument.Verify(Tags.Checkpoint, notary, sig, WriteTo);

    internal void WriteTo(CanonicalWriter w)
    {
        w.Raw("{\"key\":"u8);
        w.String(Key);
        w.Raw(",\"ledger\":"u8);
        w.String(Ledger);
        w.Raw(",\"number\":"u8);
        w.Integer(Number);
        w.Raw(",\"root\":"u8);
        w.String(Root);
        w.Raw(",\"sealedAt\":"u8);
        w.String(SealedAt);
        w.Raw(",\"size\":"u8);
        w.Integer(Size);
        w.Raw(",\"v\":"u8);
        w.Integer(V);
        w.Byte((byte)'}');
    }

    private static LedgerException Invalid(string message) => new(ErrorCodes.InvalidCheckpoint, $"checkpoint: {message}");
}
