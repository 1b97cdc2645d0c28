using Ddl.Grains.Wire;

namespace Ddl.Grains.Chains;

/// <summary>
/// What every chain actor does: accept a signed submission, append it as the next entry of its
/// own hash chain once it is durably stored, and tell where its head is.
/// The grain key is the chain id (PROTOCOL.md section 2).
/// </summary>
public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Checks, appends and acknowledges only after the entry is on disk.</summary>
    Task<Receipt> SubmitAsync(SignedSubmission submission);

    /// <summary>The number of entries in the chain and the hash of the last one (64 zeros when empty).</summary>
    Task<(long Length, string HeadHash)> GetHeadAsync();

    /// <summary>Does work the ledger scheduled for this chain (an expiry, a link still to write). Idempotent.</summary>
    Task RunScheduledAsync(string kind);
}
