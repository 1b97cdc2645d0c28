namespace Ddl.Store;

/// <summary>What happened to one entry handed to the store.</summary>
public abstract record AppendOutcome
{
    // Closed set: callers switch over the three cases below and nothing else.
    private AppendOutcome() { }

    /// <summary>The entry was written; <paramref name="Entry"/> carries its assigned position.</summary>
    /// <param name="Entry">The entry as stored, with <see cref="StoredEntry.Position"/> set.</param>
    public sealed record Appended(StoredEntry Entry) : AppendOutcome;

    /// <summary>
    /// The author already used this nonce: nothing was written, and <paramref name="Existing"/> is
    /// the entry the first submission produced (the receipt to return again).
    /// </summary>
    /// <param name="Existing">The entry already stored under the same (author, nonce).</param>
    public sealed record DuplicateNonce(StoredEntry Existing) : AppendOutcome;

    /// <summary>
    /// Another entry already holds (chain, seq): a lost race or a second activation. Nothing was
    /// written. Only batch appends report this; a single append throws
    /// <see cref="ChainConflictException"/> instead.
    /// </summary>
    /// <param name="Chain">The chain that already has an entry at <paramref name="Seq"/>.</param>
    /// <param name="Seq">The seq that was taken.</param>
    public sealed record Conflict(string Chain, long Seq) : AppendOutcome;
}
