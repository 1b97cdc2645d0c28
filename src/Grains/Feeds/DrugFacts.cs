namespace Ddl.Grains.Feeds;

/// <summary>A drug as a dispensing names it: ATC code and national code when given, and its name.</summary>
[GenerateSerializer, Immutable]
public sealed record DrugFacts(
    [property: Orleans.Id(0)] string? Atc,
    [property: Orleans.Id(1)] string? National,
    [property: Orleans.Id(2)] string? Name);
