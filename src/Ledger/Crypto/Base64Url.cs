using System.Diagnostics.CodeAnalysis;

namespace Ddl.Ledger;

/// <summary>
/// Base64url without padding (RFC 4648 section 5), as JWK writes keys. Decoding is strict: one
/// spelling per byte string, so a key or signature cannot be re-spelled into a different
/// entry hash.
/// </summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <exception cref="LedgerException">
    /// MALFORMED_JSON when <paramref name="s"/> is not canonical unpadded base64url (base64url
    /// values only ever arrive inside JSON documents). Key parsers report INVALID_KEY instead.
    /// </exception>
    public static byte[] Decode(string s) =>
        TryDecode(s, out var bytes)
            ? bytes
            : throw new LedgerException(ErrorCodes.MalformedJson, "value is not canonical unpadded base64url");

    /// <summary>
    /// Refuses padding, white space, the '+' and '/' alphabet, impossible lengths and non-zero
    /// trailing bits (which would give a second spelling of the same bytes).
    /// </summary>
    public static bool TryDecode(string? s, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (s is null || s.Length % 4 == 1)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }
        var decoded = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(s.Length)];
        var status = System.Buffers.Text.Base64Url.DecodeFromChars(s, decoded, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done)
        {
            return false;
        }
        Array.Resize(ref decoded, written);
        // Re-encoding exposes non-zero trailing bits: "AB" and "AA" would otherwise both decode to 0x00.
        if (!string.Equals(Encode(decoded), s, StringComparison.Ordinal))
        {
            return false;
        }
        bytes = decoded;
        return true;
    }
}
