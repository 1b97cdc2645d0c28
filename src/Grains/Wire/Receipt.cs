namespace Ddl.Grains.Wire;

/// <summary>What the ledger hands back once an entry is durably stored.</summary>
/// <param name="Duplicate">True when this (author, nonce) was already recorded and this is the original receipt.</param>
[GenerateSerializer, Immutable]
public sealed record Receipt(
    [property: Orleans.Id(0)] string Chain,
    [property: Orleans.Id(1)] long Seq,
    [property: Orleans.Id(2)] string Hash,
    [property: Orleans.Id(3)] string RecordedAt,
    [property: Orleans.Id(4)] bool Duplicate);
