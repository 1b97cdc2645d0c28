using NSec.Cryptography;

namespace Ddl.Ledger;

/// <summary>
/// An Ed25519 private key (RFC 8032) with its key id. The 32-byte seed is exportable because
/// key files (<see cref="KeyFile"/>) store it; keep instances short-lived and dispose them.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    // KeyCreationParameters is a ref struct, so it is built where it is used.
    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private readonly Key _key;

    private SigningKey(string id, Key key)
    {
        _key = key;
        Public = PublicKeyInfo.Create(id, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The published half: id, alg and pub.</summary>
    public PublicKeyInfo Public { get; }

    public string Id => Public.Id;

    /// <exception cref="LedgerException">INVALID_KEY when the id breaks the key id rules.</exception>
    public static SigningKey Generate(string id)
    {
        RequireKeyId(id);
        return new SigningKey(id, Key.Create(Algorithm, Exportable));
    }

    /// <summary>The key RFC 8032 derives from a 32-byte seed (the RFC's "SECRET KEY").</summary>
    /// <exception cref="LedgerException">INVALID_KEY.</exception>
    public static SigningKey FromSeed(string id, byte[] seed32)
    {
        ArgumentNullException.ThrowIfNull(seed32);
        RequireKeyId(id);
        if (seed32.Length != Algorithm.PrivateKeySize)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"an Ed25519 seed is {Algorithm.PrivateKeySize} bytes, not {seed32.Length}");
        }
        return new SigningKey(id, Key.Import(Algorithm, seed32, KeyBlobFormat.RawPrivateKey, Exportable));
    }

    /// <summary>The 32-byte seed. Handle with care: it is the whole private key.</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>Signs <c>tag || 0x0A || canonical</c> and returns the signature as base64url.</summary>
    public string Sign(string tag, ReadOnlySpan<byte> canonical) => Base64Url.Encode(SignRaw(Tags.Input(tag, canonical)));

    /// <summary>Plain Ed25519 over <paramref name="data"/>; 64 bytes.</summary>
    public byte[] SignRaw(ReadOnlySpan<byte> data) => Algorithm.Sign(_key, data);

    internal string SignTagged(CanonicalWriter taggedInput) => Base64Url.Encode(SignRaw(taggedInput.WrittenSpan));

    public void Dispose() => _key.Dispose();

    private static void RequireKeyId(string id)
    {
        if (!Syntax.IsKeyId(id))
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"key id \"{id}\" is not 1-64 of A-Z a-z 0-9 . _ : -");
        }
    }
}
