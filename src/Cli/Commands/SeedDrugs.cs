namespace Ddl.Cli.Commands;

/// <summary>The seed's formulary: common drugs with ATC codes, some controlled (UK schedules), weighted by how often they are prescribed.</summary>
internal static class SeedDrugs
{
    public sealed record Drug(string Atc, string Name, string Unit, long Quantity, string? Schedule, int Weight);

    public static readonly Drug[] All =
    [
        new("N02BE01", "Paracetamol 500 mg", "tablet", 32, null, 20),
        new("M01AE01", "Ibuprofen 400 mg", "tablet", 24, null, 12),
        new("J01CA04", "Amoxicillin 500 mg", "capsule", 21, null, 12),
        new("C10AA01", "Simvastatin 40 mg", "tablet", 28, null, 10),
        new("A10BA02", "Metformin 500 mg", "tablet", 56, null, 10),
        new("C09AA05", "Ramipril 5 mg", "capsule", 28, null, 8),
        new("N06AB06", "Sertraline 50 mg", "tablet", 28, null, 6),
        new("R03AC02", "Salbutamol 100 mcg inhaler", "inhaler", 1, null, 6),
        new("N02AA01", "Morphine sulfate 10 mg", "tablet", 20, "UK-2", 3),
        new("N02AX02", "Tramadol 50 mg", "capsule", 30, "UK-3", 4),
        new("N02AJ06", "Co-codamol 30/500", "tablet", 30, "UK-5", 4),
        new("N05BA01", "Diazepam 5 mg", "tablet", 14, "UK-4", 3),
        new("N05CF01", "Zopiclone 7.5 mg", "tablet", 14, "UK-4", 2),
    ];

    public static Drug Pick(Random random)
    {
        var roll = random.Next(All.Sum(d => d.Weight));
        foreach (var drug in All)
        {
            if ((roll -= drug.Weight) < 0)
            {
                return drug;
            }
        }

        return All[0];
    }
}
