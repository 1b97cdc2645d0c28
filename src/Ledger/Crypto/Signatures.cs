using NSec.Cryptography;

namespace Ddl.Ledger;

/// <summary>
/// Ed25519 verification. Never throws on a malformed key or signature: anything that does not
/// verify is simply false, so callers map it to one refusal (BAD_SIGNATURE).
/// </summary>
/// <remarks>
/// libsodium's verifier (through NSec) is strict: it rejects non-canonical S values and
/// small-order public keys and R points. PROTOCOL-NOTES.md asks independent verifiers to be as strict.
/// </remarks>
public static class Signatures
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>Verifies a base64url signature over <c>tag || 0x0A || canonical</c>.</summary>
    public static bool Verify(PublicKeyInfo key, string tag, ReadOnlySpan<byte> canonical, string sigB64Url)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Verify(key, Tags.Input(tag, canonical), sigB64Url);
    }

    /// <summary>Plain Ed25519 verification of 64 signature bytes with 32 public key bytes.</summary>
    public static bool VerifyRaw(byte[] pub32, ReadOnlySpan<byte> data, byte[] sig64)
    {
        if (pub32 is null || sig64 is null || pub32.Length != Algorithm.PublicKeySize || sig64.Length != Algorithm.SignatureSize)
        {
            return false;
        }
        if (!PublicKey.TryImport(Algorithm, pub32, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
        {
            return false;
        }
        return Algorithm.Verify(publicKey, data, sig64);
    }

    internal static bool Verify(PublicKeyInfo key, ReadOnlySpan<byte> taggedInput, string? sigB64Url)
    {
        if (key.Alg != PublicKeyInfo.Ed25519
            || !Base64Url.TryDecode(key.Pub, out var pub)
            || !Base64Url.TryDecode(sigB64Url, out var sig))
        {
            return false;
        }
        return VerifyRaw(pub, taggedInput, sig);
    }
}
