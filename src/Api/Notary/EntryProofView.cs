using Ddl.Store.Notary;

namespace Ddl.Api.Notary;

/// <summary>An entry's inclusion in one checkpoint's tree: all hashes, no entry content.</summary>
/// <param name="Hash">The entry hash (PROTOCOL.md 4), hex.</param>
/// <param name="AuditPath">RFC 9162 audit path, deepest sibling first.</param>
public sealed record EntryProofView(string Chain, long Seq, string Hash, long LeafIndex, SignedCheckpoint Checkpoint, IReadOnlyList<byte[]> AuditPath);

/// <summary>A consistency proof between two tree sizes, with the signed checkpoints it connects.</summary>
/// <param name="From">The older checkpoint, when the proof starts at one (null for a bare size that no checkpoint has).</param>
public sealed record ConsistencyProofView(long FromSize, SignedCheckpoint? From, SignedCheckpoint To, IReadOnlyList<byte[]> Proof);
