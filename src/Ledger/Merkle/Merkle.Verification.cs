namespace Ddl.Ledger;

/// <summary>
/// Proof verification, RFC 9162 2.1.3.2 and 2.1.4.2. The tree size is not hashed into the root:
/// verifiers must take sizes and roots from a checkpoint whose notary signature they checked.
/// </summary>
public static partial class Merkle
{
    /// <summary>RFC 9162 2.1.3.2, step by step.</summary>
    public static bool VerifyInclusion(long index, long size, byte[] leafHash, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index < 0 || index >= size || !IsHash(leafHash) || !IsHash(root) || path is null)
        {
            return false;
        }
        var fn = index;
        var sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (!IsHash(p) || sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 2.1.4.2, step by step; equal sizes need an empty proof and equal roots.</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || newSize < oldSize || !IsHash(oldRoot) || !IsHash(newRoot) || proof is null)
        {
            return false;
        }
        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.AsSpan().SequenceEqual(newRoot);
        }
        if (oldSize == 0)
        {
            // Every tree extends the empty tree; there is nothing to prove beyond the empty root.
            return proof.Count == 0 && oldRoot.AsSpan().SequenceEqual(EmptyRoot());
        }
        if (proof.Count == 0)
        {
            return false;
        }
        foreach (var c in proof)
        {
            if (!IsHash(c))
            {
                return false;
            }
        }

        var path = new List<byte[]>(proof.Count + 1);
        if (long.IsPow2(oldSize))
        {
            path.Add(oldRoot);
        }
        path.AddRange(proof);

        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot) && sn == 0;
    }
}
