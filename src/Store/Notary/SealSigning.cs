namespace Ddl.Store.Notary;

/// <summary>Asks the signer for the next checkpoint and refuses one that says anything else.</summary>
internal static class SealSigning
{
    public static SignedCheckpoint Sign(CheckpointSigner signer, SealPlan plan, SignedCheckpoint? previous)
    {
        var draft = new CheckpointDraft((previous?.Checkpoint.Number ?? 0) + 1, plan.NewSize, plan.Root(), previous);
        var signed = signer(draft) ?? throw new InvalidOperationException("The checkpoint signer returned nothing.");
        var c = signed.Checkpoint;
        // The store, not the signer, decides what the log holds: a checkpoint that misstates it
        // would make every later proof fail, so it never reaches the table.
        if (c.Number != draft.Number || c.Size != draft.Size || c.Root != Convert.ToHexStringLower(draft.Root))
        {
            throw new InvalidOperationException(
                $"The signer signed checkpoint {c.Number} (size {c.Size}, root {c.Root}) for draft {draft.Number} (size {draft.Size}).");
        }
        return signed;
    }
}
