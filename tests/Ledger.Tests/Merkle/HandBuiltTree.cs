using System.Security.Cryptography;

namespace Ddl.Ledger.Tests.Merkle;

/// <summary>
/// RFC 9162 hashing written out with plain SHA-256 calls, independent of the Merkle class:
/// the expected trees of 1..8 leaves spelled node by node, and a literal transcription of the
/// RFC's recursive definitions (MTH, PATH, PROOF) for larger checks.
/// </summary>
internal static class HandBuiltTree
{
    public static byte[] H(params byte[][] parts) => SHA256.HashData(parts.SelectMany(p => p).ToArray());

    public static byte[] Leaf(byte[] data) => H([0x00], data);

    public static byte[] Node(byte[] left, byte[] right) => H([0x01], left, right);

    /// <summary>The Certificate Transparency reference leaves (RFC 6962 test data).</summary>
    public static readonly byte[][] CtLeafData =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    /// <summary>The trees of 1..8 leaves, each node written out (index = size).</summary>
    public static byte[] ExpectedRoot(byte[][] l, int size)
    {
        var n01 = Node(l[0], l[1]);
        var n23 = Node(l[2], l[3]);
        var n45 = Node(l[4], l[5]);
        var n67 = Node(l[6], l[7]);
        var n0123 = Node(n01, n23);
        return size switch
        {
            1 => l[0],
            2 => n01,
            3 => Node(n01, l[2]),
            4 => n0123,
            5 => Node(n0123, l[4]),
            6 => Node(n0123, n45),
            7 => Node(n0123, Node(n45, l[6])),
            8 => Node(n0123, Node(n45, n67)),
            _ => throw new ArgumentOutOfRangeException(nameof(size)),
        };
    }

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }
        return k;
    }

    /// <summary>MTH(D[n]) exactly as RFC 9162 2.1.1 defines it, over leaf hashes.</summary>
    public static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
        {
            return SHA256.HashData([]);
        }
        if (d.Count == 1)
        {
            return d[0];
        }
        var k = K(d.Count);
        return Node(Mth(d.Take(k).ToList()), Mth(d.Skip(k).ToList()));
    }

    /// <summary>PATH(m, D[n]), RFC 9162 2.1.3.1.</summary>
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1)
        {
            return [];
        }
        var k = K(d.Count);
        var left = d.Take(k).ToList();
        var right = d.Skip(k).ToList();
        return m < k ? [.. Path(m, left), Mth(right)] : [.. Path(m - k, right), Mth(left)];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true), RFC 9162 2.1.4.1.</summary>
    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n)
        {
            return b ? [] : [Mth(d)];
        }
        var k = K(n);
        var left = d.Take(k).ToList();
        var right = d.Skip(k).ToList();
        return m <= k ? [.. SubProof(m, left, b), Mth(right)] : [.. SubProof(m - k, right, false), Mth(left)];
    }
}
