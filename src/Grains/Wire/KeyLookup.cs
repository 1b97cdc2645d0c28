using Ddl.Ledger;

namespace Ddl.Grains.Wire;

/// <summary>
/// The answer to "may this author sign with this key at this time?". Either a public key
/// (raw 32 bytes, base64url) or a refusal code with a reason a person can read.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record KeyLookup(
    [property: Orleans.Id(0)] string? KeyId,
    [property: Orleans.Id(1)] string? Pub,
    [property: Orleans.Id(2)] string? RefusalCode,
    [property: Orleans.Id(3)] string? Reason,
    [property: Orleans.Id(4)] string? InstitutionKind,
    [property: Orleans.Id(5)] string? LeaseUntil = null)
{
    /// <summary>A positive answer the asking silo may reuse (see KeyLeases) for entries recorded before <paramref name="leaseUntil"/>.</summary>
    public static KeyLookup Found(string keyId, string pub, string? kind, string? leaseUntil = null) => new(keyId, pub, null, null, kind, leaseUntil);
    public static KeyLookup Refused(string code, string reason) => new(null, null, code, reason, null);

    /// <summary>The key of a positive answer.</summary>
    public PublicKeyInfo ToPublicKey() => new(KeyId ?? throw new InvalidOperationException($"A refusal ({RefusalCode}) has no key."), PublicKeyInfo.Ed25519, Pub!);
}
