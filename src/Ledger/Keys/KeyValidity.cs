namespace Ddl.Ledger;

/// <summary>
/// An institution key and the window in which it verifies submissions: recordedAt in
/// [<see cref="AddedAt"/>, <see cref="RevokedAt"/>), open-ended while not revoked.
/// </summary>
public sealed record KeyValidity(PublicKeyInfo Key, string AddedAt, string? RevokedAt)
{
    /// <summary>True when an entry recorded at <paramref name="recordedAt"/> may be signed with this key.</summary>
    public bool IsValidAt(string recordedAt) =>
        string.CompareOrdinal(recordedAt, AddedAt) >= 0
        && (RevokedAt is null || string.CompareOrdinal(recordedAt, RevokedAt) < 0);
}
