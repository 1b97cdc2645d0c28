using Ddl.Ledger;
using Ddl.Store.Notary;

namespace Ddl.Grains.Notary;

/// <summary>
/// The notary's private key, with the ledger id and clock a checkpoint needs. Only the notary grain
/// signs with it; everything else verifies with the genesis's notary public key.
/// </summary>
public sealed class NotarySigner
{
    private readonly SigningKey key;
    private readonly TimeProvider clock;

    /// <exception cref="InvalidOperationException">The key is not the genesis's notary key.</exception>
    public NotarySigner(SigningKey key, Genesis genesis, TimeProvider clock)
    {
        if (key.Public.Id != genesis.Notary.Id || key.Public.Pub != genesis.Notary.Pub)
        {
            throw new InvalidOperationException(
                $"The notary key '{key.Public.Id}' is not the notary key '{genesis.Notary.Id}' of ledger {genesis.LedgerId}: its checkpoints would not verify.");
        }

        this.key = key;
        this.clock = clock;
        LedgerId = genesis.LedgerId;
    }

    public string LedgerId { get; }

    public PublicKeyInfo PublicKey => key.Public;

    /// <summary>
    /// Signs the draft as checkpoint (ledger, number, size, root, sealedAt, key). sealedAt never goes
    /// back: a silo with a slower clock taking over the notary still seals after the last checkpoint.
    /// </summary>
    public SignedCheckpoint Sign(CheckpointDraft draft)
    {
        var sealedAt = clock.GetUtcNow();
        if (draft.Previous is { } previous && LedgerTime.Parse(previous.Checkpoint.SealedAt) is var floor && floor > sealedAt)
        {
            sealedAt = floor;
        }

        var checkpoint = Checkpoint.Create(LedgerId, draft.Number, draft.Size, draft.Root, sealedAt, key.Id);
        return new SignedCheckpoint(checkpoint, checkpoint.Sign(key));
    }
}
