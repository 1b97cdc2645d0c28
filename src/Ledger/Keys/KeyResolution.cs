namespace Ddl.Ledger;

/// <summary>
/// The answer to "which key verifies this author's signature at this time?": either
/// <see cref="Key"/>, or a <see cref="Code"/> (UNKNOWN_AUTHOR, UNKNOWN_KEY, KEY_REVOKED,
/// KEY_NOT_YET_VALID) with a reason.
/// </summary>
public sealed record KeyResolution(PublicKeyInfo? Key, string? Code, string? Reason)
{
    public bool IsResolved => Key is not null;

    public static KeyResolution Found(PublicKeyInfo key) => new(key, null, null);

    public static KeyResolution Refused(string code, string reason) => new(null, code, reason);
}
