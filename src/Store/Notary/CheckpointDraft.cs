namespace Ddl.Store.Notary;

/// <summary>
/// What a seal asks the notary to sign: the next checkpoint number and the log's new size and
/// root. The signer adds the ledger id, the time and its key id.
/// </summary>
/// <param name="Number">The previous checkpoint's number plus one (1 for the first).</param>
/// <param name="Size">The number of leaves in the log after this seal.</param>
/// <param name="Root">The RFC 9162 tree hash of those leaves, 32 raw bytes.</param>
/// <param name="Previous">The checkpoint this one follows, or null for the first; its sealedAt is a floor for the new one.</param>
public sealed record CheckpointDraft(long Number, long Size, byte[] Root, SignedCheckpoint? Previous);

/// <summary>
/// Signs a draft with the notary key. Called inside the seal's transaction: if it throws, the
/// seal rolls back whole.
/// </summary>
public delegate SignedCheckpoint CheckpointSigner(CheckpointDraft draft);

/// <summary>The outcome of one seal.</summary>
/// <param name="Checkpoint">The checkpoint the seal wrote.</param>
/// <param name="Sealed">How many entries it appended to the log.</param>
public sealed record SealResult(SignedCheckpoint Checkpoint, int Sealed);
