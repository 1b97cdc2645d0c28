using Ddl.Ledger;

namespace Ddl.Cli.Notary;

/// <summary>
/// Checks a proof bundle offline: the checkpoint's notary signature, the entry's own text (when the
/// bundle has it) against its hash, chain and seq, the audit path from its leaf to the checkpoint's
/// root, and optionally consistency with a checkpoint saved earlier. A bundle holds no institution
/// chain, so the author's signature on the entry is an export's to check, not a bundle's.
/// </summary>
public static class BundleVerifier
{
    public static IReadOnlyList<VerificationFailure> Verify(ProofBundle bundle, Genesis? trustedGenesis = null, SignedCheckpointFile? saved = null)
    {
        var genesis = Genesis.FromJson(bundle.Genesis);
        if (trustedGenesis is not null && !trustedGenesis.CanonicalBytes().AsSpan().SequenceEqual(genesis.CanonicalBytes()))
        {
            return [new VerificationFailure("genesis", -1, ErrorCodes.InvalidGenesis, "The bundle's genesis is not the genesis you trust: its keys differ.")];
        }
        if (NotaryChecks.Checkpoint(bundle.Checkpoint, genesis) is { } badCheckpoint)
        {
            return [badCheckpoint];
        }

        var failures = new List<VerificationFailure>();
        var hash = bundle.Hash;
        if (bundle.Canonical is { } canonical)
        {
            hash = NotaryChecks.EntryHash(canonical);
            if (EntryProblem(bundle, canonical, hash) is { } problem)
            {
                failures.Add(problem);
            }
        }

        if (NotaryChecks.Inclusion(bundle.Chain, bundle.Seq, hash, bundle.LeafIndex, bundle.AuditPath, bundle.Checkpoint.Checkpoint) is { } missing)
        {
            failures.Add(missing);
        }
        if (saved is not null && NotaryChecks.Consistency(saved, bundle.Checkpoint, bundle.Consistency, genesis) is { } inconsistent)
        {
            failures.Add(inconsistent);
        }
        return failures;
    }

    private static VerificationFailure? EntryProblem(ProofBundle bundle, string canonical, string hash)
    {
        VerificationFailure Fail(string code, string reason) => new(bundle.Chain, bundle.Seq, code, reason);
        Entry entry;
        try
        {
            entry = Entry.Parse(canonical);
        }
        catch (LedgerException e)
        {
            return Fail(ErrorCodes.MalformedEntry, $"{e.Code}: {e.Message}");
        }
        if (entry.CanonicalText() != canonical)
        {
            return Fail(ErrorCodes.MalformedEntry, "the entry's text is not its canonical JSON (RFC 8785)");
        }
        if (hash != bundle.Hash)
        {
            return Fail(ErrorCodes.BadHash, $"stated hash {bundle.Hash} differs from the recomputed {hash}");
        }
        if (entry.Chain != bundle.Chain || entry.Seq != bundle.Seq)
        {
            return Fail(ErrorCodes.WrongChain, $"the entry is {entry.Chain}#{entry.Seq}, not {bundle.Chain}#{bundle.Seq}");
        }
        return null;
    }
}
