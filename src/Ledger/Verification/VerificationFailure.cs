namespace Ddl.Ledger;

/// <summary>
/// The first thing wrong with a chain: where (<see cref="Chain"/>, <see cref="Seq"/>) and what
/// (<see cref="Code"/>: BAD_HASH, BROKEN_LINK, SEQ_GAP, WRONG_CHAIN, TIME_REGRESSION,
/// BAD_SIGNATURE, KEY_REVOKED, KEY_NOT_YET_VALID, UNKNOWN_KEY, UNKNOWN_AUTHOR, MALFORMED_ENTRY,
/// UNSUPPORTED_VERSION, or a key-directory refusal such as NOT_AUTHORIZED).
/// </summary>
/// <param name="Seq">The position in the chain (0-based) at which verification stopped.</param>
public sealed record VerificationFailure(string Chain, long Seq, string Code, string Reason);
