namespace Ddl.Grains.Wire;

[GenerateSerializer, Immutable]
public sealed record InstitutionView(
    [property: Orleans.Id(0)] string Id,
    [property: Orleans.Id(1)] string Kind,
    [property: Orleans.Id(2)] string Name,
    [property: Orleans.Id(3)] string Region,
    [property: Orleans.Id(4)] bool Suspended,
    [property: Orleans.Id(5)] IReadOnlyList<KeyValidityView> Keys);

[GenerateSerializer, Immutable]
public sealed record KeyValidityView(
    [property: Orleans.Id(0)] string Id,
    [property: Orleans.Id(1)] string Alg,
    [property: Orleans.Id(2)] string Pub,
    [property: Orleans.Id(3)] string AddedAt,
    [property: Orleans.Id(4)] string? RevokedAt);
