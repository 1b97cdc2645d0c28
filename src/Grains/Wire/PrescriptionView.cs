using Ddl.Grains.Prescriptions;

namespace Ddl.Grains.Wire;

/// <summary>A prescription as its actor sees it now: items with their status, and every dispensing.</summary>
[GenerateSerializer, Immutable]
public sealed record PrescriptionView(
    [property: Orleans.Id(0)] string Id,
    [property: Orleans.Id(1)] string Issuer,
    [property: Orleans.Id(2)] string Patient,
    [property: Orleans.Id(3)] string ValidFrom,
    [property: Orleans.Id(4)] string ValidUntil,
    [property: Orleans.Id(5)] string Status,
    [property: Orleans.Id(6)] string? ClaimedBy,
    [property: Orleans.Id(7)] IReadOnlyList<ItemView> Items,
    [property: Orleans.Id(8)] IReadOnlyList<DispenseView> Dispenses,
    [property: Orleans.Id(9)] long Length);

[GenerateSerializer, Immutable]
public sealed record ItemView(
    [property: Orleans.Id(0)] int Index,
    [property: Orleans.Id(1)] Drug Drug,
    [property: Orleans.Id(2)] string Dose,
    [property: Orleans.Id(3)] long Quantity,
    [property: Orleans.Id(4)] string Unit,
    [property: Orleans.Id(5)] int Repeats,
    [property: Orleans.Id(6)] int IssuesStarted,
    [property: Orleans.Id(7)] long Dispensed,
    [property: Orleans.Id(8)] long RemainingOnOpenIssue,
    [property: Orleans.Id(9)] string? Schedule,
    [property: Orleans.Id(10)] bool Substitution,
    [property: Orleans.Id(11)] int MinIntervalDays,
    [property: Orleans.Id(12)] string Status,
    [property: Orleans.Id(13)] string? NotDispensedReason);

[GenerateSerializer, Immutable]
public sealed record DispenseView(
    [property: Orleans.Id(0)] long Seq,
    [property: Orleans.Id(1)] int Item,
    [property: Orleans.Id(2)] int Issue,
    [property: Orleans.Id(3)] long Quantity,
    [property: Orleans.Id(4)] string Pharmacy,
    [property: Orleans.Id(5)] string RecordedAt);
