using System.Security.Cryptography;

namespace Ddl.Ledger;

/// <summary>
/// The notary's Merkle log, RFC 9162 (Certificate Transparency 2.0) section 2.1, with the leaf
/// data of PROTOCOL.md 5. Hashes here are raw 32-byte arrays; documents carry them as hex.
/// </summary>
public static partial class Merkle
{
    private const int HashSize = SHA256.HashSizeInBytes;

    /// <summary>MTH({}) = SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    /// <summary>Leaf data: <c>JCS({"chain": id, "hash": entryHash, "seq": n})</c>.</summary>
    public static byte[] LeafData(string chain, string entryHash, long seq)
    {
        if (!ChainId.TryParse(chain, out _))
        {
            throw new LedgerException(ErrorCodes.InvalidChainId, $"\"{chain}\" is not a chain id");
        }
        if (!Syntax.IsHash(entryHash))
        {
            throw new ArgumentException("an entry hash is 64 lowercase hex digits", nameof(entryHash));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        using var writer = new CanonicalWriter();
        writer.Raw("{\"chain\":"u8);
        writer.String(chain);
        writer.Raw(",\"hash\":"u8);
        writer.String(entryHash);
        writer.Raw(",\"seq\":"u8);
        writer.Integer(seq);
        writer.Byte((byte)'}');
        return writer.ToArray();
    }

    /// <summary>SHA-256(0x00 || leaf data).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leafData)
    {
        // Leaf data is about 130 bytes: hash it from the stack rather than through an incremental hasher.
        if (leafData.Length < 512)
        {
            Span<byte> input = stackalloc byte[512];
            input[0] = 0x00;
            leafData.CopyTo(input[1..]);
            return SHA256.HashData(input[..(1 + leafData.Length)]);
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leafData);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(byte[] l, byte[] r)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(r);
        var length = 1 + l.Length + r.Length;
        Span<byte> input = length <= 129 ? stackalloc byte[129] : new byte[length];
        input = input[..length];
        input[0] = 0x01;
        l.CopyTo(input[1..]);
        r.CopyTo(input[(1 + l.Length)..]);
        return SHA256.HashData(input);
    }

    /// <summary>MTH of all the leaves (RFC 9162 2.1.1).</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (leafHashes.Count == 0)
        {
            return EmptyRoot();
        }
        // Left-to-right fold of perfect subtrees (a compact range), then right-to-left join:
        // the same tree as the recursive definition, without recursion.
        var accumulator = new MerkleAccumulator();
        foreach (var leaf in leafHashes)
        {
            accumulator.Push(leaf);
        }
        return accumulator.Root();
    }

    /// <summary>MTH of the first <paramref name="size"/> leaves, reading O(log n) stored subtrees.</summary>
    public static byte[] RootHash(IMerkleNodeSource source, long size)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? EmptyRoot() : new SubtreeHashes.FromSource(source).Range(0, size);
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1): RFC 9162's k.</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << System.Numerics.BitOperations.Log2((ulong)(n - 1));

    private static bool IsHash(byte[]? h) => h is { Length: HashSize };
}
