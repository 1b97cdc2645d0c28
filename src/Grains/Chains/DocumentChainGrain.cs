using Ddl.Grains.Trust;
using Ddl.Ledger;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Chains;

/// <summary>
/// Chains written by institutions (and by the ledger itself), not by registry authorities:
/// patients, prescriptions, treatment sheets. Entry types are namespaced by the chain kind
/// (<c>prescription.*</c> on a prescription chain), so an event cannot land on the wrong kind of chain.
/// </summary>
public abstract class DocumentChainGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger logger)
    : ChainGrain(store, trust, clock, logger)
{
    protected abstract string TypePrefix { get; }

    protected override Task ValidateAsync(Submission submission, SubmissionContext context)
    {
        if (!Authors.IsInstitution(submission.Author) && submission.Author != Authors.Ledger)
        {
            throw new LedgerException(ErrorCodes.Forbidden,
                $"'{submission.Author}' cannot write to {ChainKey}: only institutions and the ledger write such chains.");
        }

        if (!submission.Type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            throw new LedgerException(ErrorCodes.UnknownEventType,
                $"A {TypePrefix.TrimEnd('.')} chain does not take '{submission.Type}' entries.");
        }

        return ValidateDocumentAsync(submission, context);
    }

    /// <summary>The rules of the document itself (lifecycle, quantities), after the common checks.</summary>
    protected virtual Task ValidateDocumentAsync(Submission submission, SubmissionContext context) => Task.CompletedTask;

    protected override void Apply(Entry entry)
    {
    }

    protected override void Reset()
    {
    }
}
