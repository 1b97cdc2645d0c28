namespace Ddl.Ledger;

/// <summary>
/// Character-level rules for the identifiers of PROTOCOL.md and PROTOCOL-NOTES.md, checked
/// without regular expressions so they cost nothing on hot paths.
/// </summary>
internal static class Syntax
{
    public const int MaxLocalLength = 64;
    public const int MaxKeyIdLength = 64;
    public const int MaxTypeLength = 128;
    public const int MaxNonceLength = 128;

    /// <summary>The local part of a chain or authority id: 1..64 of A-Z a-z 0-9 . _ -</summary>
    public static bool IsLocal(ReadOnlySpan<char> s) => IsRun(s, MaxLocalLength, static c => IsAlnum(c) || c is '.' or '_' or '-');

    /// <summary>Key ids: 1..64 of A-Z a-z 0-9 . _ : - (the colon lets ids name their owner).</summary>
    public static bool IsKeyId(ReadOnlySpan<char> s) => IsRun(s, MaxKeyIdLength, static c => IsAlnum(c) || c is '.' or '_' or ':' or '-');

    /// <summary>Event types: 1..128 of a-z 0-9 . _</summary>
    public static bool IsType(ReadOnlySpan<char> s) => IsRun(s, MaxTypeLength, static c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_');

    /// <summary>Nonces: 1..128 visible ASCII characters (0x21-0x7E; no space, no controls).</summary>
    public static bool IsNonce(ReadOnlySpan<char> s) => IsRun(s, MaxNonceLength, static c => c is >= '!' and <= '~');

    /// <summary>A SHA-256 as written in documents: exactly 64 lowercase hex digits.</summary>
    public static bool IsHash(ReadOnlySpan<char> s) => s.Length == 64 && IsRun(s, 64, static c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static bool IsAlnum(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsRun(ReadOnlySpan<char> s, int max, Func<char, bool> allowed)
    {
        if (s.IsEmpty || s.Length > max)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!allowed(c))
            {
                return false;
            }
        }
        return true;
    }
}
