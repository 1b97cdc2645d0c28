using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// One committed entry as the live feeds carry it between silos: the stored entry, and the facts
/// the feeds filter on (who is party to a prescription, what was dispensed where), worked out once
/// on the silo that committed it so that no silo receiving it has to read the store again.
/// <see cref="Position"/> is the store's global order, which the multi-chain feeds' cursors use;
/// (<see cref="Chain"/>, <see cref="Seq"/>) identifies the entry and lets a client spot a gap.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedEvent(
    [property: Orleans.Id(0)] string Chain,
    [property: Orleans.Id(1)] long Seq,
    [property: Orleans.Id(2)] string Hash,
    [property: Orleans.Id(3)] string Prev,
    [property: Orleans.Id(4)] long Position,
    [property: Orleans.Id(5)] string Type,
    [property: Orleans.Id(6)] string Author,
    [property: Orleans.Id(7)] string Nonce,
    [property: Orleans.Id(8)] string RecordedAt,
    [property: Orleans.Id(9)] string Canonical,
    [property: Orleans.Id(10)] PrescriptionFacts? Prescription,
    [property: Orleans.Id(11)] DispensingFacts? Dispensing)
{
    public StoredEntry ToStoredEntry() =>
        new(Chain, Seq, Hash, Prev, Author, Nonce, Type, RecordedAt, Canonical, Position);

    public static FeedEvent Plain(StoredEntry e) =>
        new(e.Chain, e.Seq, e.Hash, e.Prev, e.Position, e.Type, e.Author, e.Nonce, e.RecordedAt, e.CanonicalJson, null, null);
}
