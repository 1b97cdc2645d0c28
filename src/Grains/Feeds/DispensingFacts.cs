namespace Ddl.Grains.Feeds;

/// <summary>
/// What a <c>prescription.dispensed</c> entry says, joined with what the feeds need around it: the
/// dispensing pharmacy's region, the prescriber, the patient and the drug that was prescribed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DispensingFacts(
    [property: Orleans.Id(0)] string Pharmacy,
    [property: Orleans.Id(1)] string? Region,
    [property: Orleans.Id(2)] string? Prescriber,
    [property: Orleans.Id(3)] string? Patient,
    [property: Orleans.Id(4)] long? Item,
    [property: Orleans.Id(5)] long? Issue,
    [property: Orleans.Id(6)] long? Quantity,
    [property: Orleans.Id(7)] string? Unit,
    [property: Orleans.Id(8)] DrugFacts? Product,
    [property: Orleans.Id(9)] DrugFacts? Prescribed,
    [property: Orleans.Id(10)] string? Batch,
    [property: Orleans.Id(11)] string? HandedOverAt);
