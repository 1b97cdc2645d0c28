namespace Ddl.Grains.Feeds;

/// <summary>
/// Events a shard passes on in one call. <see cref="Epoch"/> names the shard's activation and
/// <see cref="Number"/> counts its batches from 1, so a hub can tell that it missed one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedBatch(
    [property: Orleans.Id(0)] int Shard,
    [property: Orleans.Id(1)] Guid Epoch,
    [property: Orleans.Id(2)] long Number,
    [property: Orleans.Id(3)] FeedEvent[] Events);
