namespace Ddl.Grains.Notary;

/// <summary>Where the notary runs and what it last signed.</summary>
/// <param name="Silo">The address of the silo hosting the notary now.</param>
/// <param name="Checkpoint">The latest checkpoint's number, 0 before the first seal.</param>
/// <param name="Size">The number of leaves in the log.</param>
/// <param name="SealedAt">The latest checkpoint's time, or null before the first seal.</param>
[GenerateSerializer, Immutable]
public sealed record NotaryStatus(
    [property: Orleans.Id(0)] string Silo,
    [property: Orleans.Id(1)] long Checkpoint,
    [property: Orleans.Id(2)] long Size,
    [property: Orleans.Id(3)] string? SealedAt);
