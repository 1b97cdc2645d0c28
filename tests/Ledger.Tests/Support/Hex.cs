namespace Ddl.Ledger.Tests.Support;

internal static class Hex
{
    /// <summary>Bytes from hex written with or without spaces and line breaks.</summary>
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
