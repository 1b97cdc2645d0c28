using Ddl.Grains.Chains;

namespace Ddl.Grains.Prescriptions;

/// <summary>
/// One line of a prescription. <see cref="Quantity"/> is per issue, in <see cref="Unit"/>;
/// <see cref="Repeats"/> counts issues beyond the first (30 tablets + 3 repeats = 4 issues, 120 tablets).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PrescribedItem(
    [property: Orleans.Id(0)] Drug Drug,
    [property: Orleans.Id(1)] string Dose,
    [property: Orleans.Id(2)] long Quantity,
    [property: Orleans.Id(3)] string Unit,
    [property: Orleans.Id(4)] int Repeats,
    [property: Orleans.Id(5)] string? Schedule,
    [property: Orleans.Id(6)] bool Substitution,
    [property: Orleans.Id(7)] int MinIntervalDays)
{
    public int Issues => Repeats + 1;

    public static PrescribedItem Read(BodyReader item) => new(
        Drug.Read(item.Nested("drug")),
        item.Text("dose", 500),
        item.Integer("quantity", 1, 1_000_000_000),
        item.Text("unit", 32),
        (int)(item.OptionalInteger("repeats", 0, 99) ?? 0),
        item.OptionalText("schedule", 16),
        item.Boolean("substitution", fallback: true),
        (int)(item.OptionalInteger("minIntervalDays", 0, 366) ?? 0));
}
