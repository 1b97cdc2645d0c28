namespace Ddl.Store.Notary;

/// <summary>An outbox row: an entry committed but not sealed yet.</summary>
/// <param name="Position">The entry's store position (how long it has waited, roughly).</param>
/// <param name="Chain">The entry's chain id.</param>
/// <param name="Seq">The entry's seq in its chain.</param>
/// <param name="Hash">The entry hash, 64 lowercase hex: with chain and seq, the leaf data.</param>
internal sealed record UnsealedEntry(long Position, string Chain, long Seq, string Hash);
