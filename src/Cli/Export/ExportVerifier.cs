using Ddl.Ledger;

namespace Ddl.Cli.Export;

/// <summary>
/// Checks an export offline, with the genesis it carries: every hash, every link, every signature
/// with the key its author held at recordedAt. Stops at the first bad entry of each chain.
/// </summary>
public static class ExportVerifier
{
    public static IReadOnlyList<VerificationFailure> Verify(ExportFile export, Ledger.Genesis? trustedGenesis = null)
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

        foreach (var chain in export.Chains)
        {
            if (failures.Any(f => f.Chain == chain.Id))
            {
                continue;
            }

            var failure = ChainVerifier.Verify(chain.Entries.Select(e => (e.Canonical, (string?)e.Hash)), directory, chain.Id);
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        return failures;
    }
}
