using System.Security.Cryptography;

namespace Ddl.Ledger;

/// <summary>SHA-256, written as 64 lowercase hex characters (PROTOCOL.md 1).</summary>
public static class Hashes
{
    /// <summary>The <c>prev</c> of an entry at seq 0.</summary>
    public const string ZeroHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Hex SHA-256 of <c>tag || 0x0A || canonical</c>.</summary>
    public static string Tagged(string tag, ReadOnlySpan<byte> canonical)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = stackalloc byte[tag.Length + 1];
        for (var i = 0; i < tag.Length; i++)
        {
            prefix[i] = (byte)tag[i];
        }
        prefix[^1] = (byte)'\n';
        hash.AppendData(prefix);
        hash.AppendData(canonical);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }
}
