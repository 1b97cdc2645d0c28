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
    [property: Orleans.Id(4)] string? InstitutionKind)
{
    public static KeyLookup Found(string keyId, string pub, string? kind) => new(keyId, pub, null, null, kind);
    public static KeyLookup Refused(string code, string reason) => new(null, null, code, reason, null);
}
