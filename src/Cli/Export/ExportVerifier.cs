using Ddl.Cli.Notary;
using Ddl.Ledger;

namespace Ddl.Cli.Export;

/// <summary>
/// Checks an export offline, with the genesis it carries: every hash, every link, every signature
/// with the key its author held at recordedAt (stopping at the first bad entry of each chain);
/// then, when the export carries a checkpoint, the notary's signature on it and every entry's
/// inclusion in it (naming each entry that is not in the log as exported).
/// </summary>
public static class ExportVerifier
{
    /// <param name="saved">A checkpoint saved earlier: the export's checkpoint must extend it (consistency proof).</param>
    public static IReadOnlyList<VerificationFailure> Verify(ExportFile export, Ledger.Genesis? trustedGenesis = null, SignedCheckpointFile? saved = null)
    {
        var failures = new List<VerificationFailure>();
        var genesis = Ledger.Genesis.FromJson(export.Genesis);
        if (trustedGenesis is not null && !CanonicalJson.Canonicalize(trustedGenesis.ToJson()).AsSpan()
                .SequenceEqual(CanonicalJson.Canonicalize(genesis.ToJson())))
        {
            failures.Add(new VerificationFailure("genesis", -1, ErrorCodes.InvalidGenesis,
                "The export's genesis is not the genesis you trust: its keys differ."));
            return failures;
        }

        // Keys come from institution chains; validity is by recordedAt, so the whole directory can be
        // built first and every chain (institution chains included) then checked against it.
        var directory = new KeyDirectory(genesis);
        foreach (var chain in export.Chains.Where(c => ChainId.TryParse(c.Id, out var id) && id.Kind == ChainKind.Institution))
        {
            for (var i = 0; i < chain.Entries.Count; i++)
            {
                try
                {
                    directory.Apply(Entry.Parse(chain.Entries[i].Canonical));
                }
                catch (LedgerException e)
                {
                    failures.Add(new VerificationFailure(chain.Id, i, e.Code, e.Message));
                    break;
                }
            }
        }

        // Chains verify independently against the finished (read-only) key directory, so they are
        // checked on every core; Ed25519 verification is the bulk of the work. Results keep export order.
        var alreadyFailed = failures.Select(f => f.Chain).ToHashSet(StringComparer.Ordinal);
        failures.AddRange(export.Chains
            .Where(chain => !alreadyFailed.Contains(chain.Id))
            .AsParallel().AsOrdered()
            .Select(chain => ChainVerifier.Verify(chain.Entries.Select(e => (e.Canonical, (string?)e.Hash)), directory, chain.Id))
            .Where(failure => failure is not null)
            .Select(failure => failure!)
            .ToList());

        failures.AddRange(VerifyNotarisation(export, genesis, saved));
        return failures;
    }

    /// <summary>
    /// The export's checkpoint is signed by the genesis's notary, every entry is in it (a leaf made
    /// from the entry's recomputed hash, at its position in its chain), and it extends
    /// <paramref name="saved"/>. An export without a checkpoint (made before the notary existed)
    /// has nothing to check here, unless a saved checkpoint asks for consistency.
    /// </summary>
    private static List<VerificationFailure> VerifyNotarisation(ExportFile export, Ledger.Genesis genesis, SignedCheckpointFile? saved)
    {
        var failures = new List<VerificationFailure>();
        if (export.Checkpoint is not { } checkpoint)
        {
            if (saved is not null)
            {
                failures.Add(new VerificationFailure(NotaryChecks.CheckpointLabel, 0, ErrorCodes.ConsistencyFailed,
                    "the export carries no checkpoint, so nothing can be checked against the saved one"));
            }
            return failures;
        }

        if (NotaryChecks.Checkpoint(checkpoint, genesis) is { } bad)
        {
            // Without a trusted root no inclusion means anything: report the checkpoint alone.
            failures.Add(bad);
            return failures;
        }

        // Like the chains, the entries' inclusions are independent: every core takes a share, in export order.
        failures.AddRange(export.Chains
            .SelectMany(chain => chain.Entries.Select((entry, seq) => (Chain: chain.Id, Seq: seq, Entry: entry)))
            .AsParallel().AsOrdered()
            .Select(e => NotaryChecks.Inclusion(e.Chain, e.Seq, NotaryChecks.EntryHash(e.Entry.Canonical), e.Entry.LeafIndex, e.Entry.AuditPath, checkpoint.Checkpoint))
            .Where(failure => failure is not null)
            .Select(failure => failure!)
            .ToList());

        if (saved is not null && NotaryChecks.Consistency(saved, checkpoint, export.Consistency ?? [], genesis) is { } inconsistent)
        {
            failures.Add(inconsistent);
        }
        return failures;
    }
}
