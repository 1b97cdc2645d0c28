using System.Text;
using Ddl.Ledger;

namespace Ddl.Cli.Notary;

/// <summary>
/// The offline checks of the notary's statements (PROTOCOL.md 5), with the genesis's notary key
/// alone. Failures name the checkpoint as <c>checkpoint#N</c> and an entry as <c>chain#seq</c>.
/// </summary>
public static class NotaryChecks
{
    /// <summary>The label failures about a checkpoint carry instead of a chain id.</summary>
    public const string CheckpointLabel = "checkpoint";

    /// <summary>The checkpoint is this ledger's and its signature verifies with the genesis's notary key.</summary>
    public static VerificationFailure? Checkpoint(SignedCheckpointFile signed, Genesis genesis, string what = CheckpointLabel)
    {
        var c = signed.Checkpoint;
        if (c.Ledger != genesis.LedgerId)
        {
            return new VerificationFailure(what, c.Number, ErrorCodes.InvalidCheckpoint,
                $"checkpoint of ledger {c.Ledger}, but the genesis is ledger {genesis.LedgerId}");
        }
        if (c.Key != genesis.Notary.Id || !c.Verify(genesis.Notary, signed.Sig))
        {
            return new VerificationFailure(what, c.Number, ErrorCodes.BadSignature,
                $"the signature does not verify with the notary key {genesis.Notary.Id}: the checkpoint was altered or replaced");
        }
        return null;
    }

    /// <summary>The entry hash of the exact stored text, as a verifier recomputes it (never the hash the file claims).</summary>
    public static string EntryHash(string canonical) => Hashes.Tagged(Tags.Entry, Encoding.UTF8.GetBytes(canonical));

    /// <summary>The audit path leads from the leaf of (chain, seq, hash) at <paramref name="leafIndex"/> to the checkpoint's root.</summary>
    public static VerificationFailure? Inclusion(string chain, long seq, string hash, long? leafIndex, IReadOnlyList<string>? auditPath, Checkpoint checkpoint)
    {
        VerificationFailure Fail(string code, string reason) => new(chain, seq, code, reason);
        if (leafIndex is not { } index || auditPath is null)
        {
            return Fail(ErrorCodes.NotSealedYet, $"no inclusion proof: the entry was not sealed in {Describe(checkpoint)} when the file was made");
        }

        var path = Hex.Decode(auditPath);
        byte[] leaf;
        try
        {
            leaf = Merkle.LeafHash(Merkle.LeafData(chain, hash, seq));
        }
        catch (Exception e) when (e is LedgerException or ArgumentException)
        {
            return Fail(ErrorCodes.InclusionFailed, $"no leaf can be formed: {e.Message}");
        }
        if (path is null || !Merkle.VerifyInclusion(index, checkpoint.Size, leaf, path, checkpoint.RootBytes()))
        {
            return Fail(ErrorCodes.InclusionFailed,
                $"leaf {index} with hash {hash} is not in the log of {Describe(checkpoint)}: the entry or its place in the log was changed");
        }
        return null;
    }

    /// <summary>
    /// <paramref name="newer"/> (whose signature was checked) extends <paramref name="saved"/>: the
    /// saved checkpoint verifies too, and a consistency proof from its size leads to the newer root.
    /// </summary>
    public static VerificationFailure? Consistency(SignedCheckpointFile saved, SignedCheckpointFile newer, IReadOnlyList<ConsistencyItem> proofs, Genesis genesis)
    {
        const string Saved = "saved-checkpoint";
        if (Checkpoint(saved, genesis, Saved) is { } bad)
        {
            return bad;
        }

        var (old, current) = (saved.Checkpoint, newer.Checkpoint);
        VerificationFailure Fail(string reason) => new(Saved, old.Number, ErrorCodes.ConsistencyFailed, reason);
        if (old.Number == current.Number)
        {
            return old == current && saved.Sig == newer.Sig
                ? null
                : Fail($"two different checkpoints carry number {old.Number}: the notary's history was rewritten");
        }
        if (old.Size > current.Size || old.Number > current.Number)
        {
            return Fail($"the saved {Describe(old)} is newer than the file's {Describe(current)}; check a newer file against it");
        }
        if (old.Size == current.Size)
        {
            return old.Root == current.Root ? null : Fail($"{Describe(old)} and {Describe(current)} have the same size but different roots");
        }

        var item = proofs.FirstOrDefault(p => p.FromSize == old.Size);
        if (item is null)
        {
            return Fail($"the file carries no consistency proof from size {old.Size}; make it again with --checkpoint pointing at the saved checkpoint");
        }
        var proof = Hex.Decode(item.Proof);
        return proof is not null && Merkle.VerifyConsistency(old.Size, current.Size, old.RootBytes(), current.RootBytes(), proof)
            ? null
            : Fail($"the log of {Describe(current)} does not extend the saved {Describe(old)}: entries sealed before were changed or removed");
    }

    private static string Describe(Checkpoint c) => $"checkpoint #{c.Number} (size {c.Size})";
}
