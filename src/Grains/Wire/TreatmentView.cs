using Ddl.Grains.Prescriptions;

namespace Ddl.Grains.Wire;

[GenerateSerializer, Immutable]
public sealed record TreatmentView(
    [property: Orleans.Id(0)] string Id,
    [property: Orleans.Id(1)] string Issuer,
    [property: Orleans.Id(2)] string Patient,
    [property: Orleans.Id(3)] string? ValidUntil,
    [property: Orleans.Id(4)] bool Cancelled,
    [property: Orleans.Id(5)] IReadOnlyList<MedicationView> Medications,
    [property: Orleans.Id(6)] IReadOnlyList<ProcedureView> Procedures,
    [property: Orleans.Id(7)] long Length);

[GenerateSerializer, Immutable]
public sealed record MedicationView(
    [property: Orleans.Id(0)] int Index,
    [property: Orleans.Id(1)] Drug Drug,
    [property: Orleans.Id(2)] string Dose,
    [property: Orleans.Id(3)] long Quantity,
    [property: Orleans.Id(4)] string Unit,
    [property: Orleans.Id(5)] long Administered);

[GenerateSerializer, Immutable]
public sealed record ProcedureView(
    [property: Orleans.Id(0)] int Index,
    [property: Orleans.Id(1)] string Code,
    [property: Orleans.Id(2)] string Name,
    [property: Orleans.Id(3)] int Count,
    [property: Orleans.Id(4)] int Done);
