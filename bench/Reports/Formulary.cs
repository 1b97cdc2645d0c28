namespace Ddl.Bench.Reports;

/// <summary>
/// The drugs the synthetic ledger prescribes: common primary-care medicines over 23 ATC level-3
/// classes, weighted by how often they are prescribed. Chronic ones come as repeat prescriptions
/// (six monthly issues), acute and controlled ones as a single issue.
/// </summary>
public static class Formulary
{
    public sealed record Drug(string Atc, string Name, string Unit, long Quantity, string? Schedule, bool Chronic, int Weight)
    {
        public string Atc3 => Atc[..4];
    }

    public static readonly Drug[] All =
    [
        new("A02BC01", "Omeprazole 20 mg", "capsule", 28, null, true, 8),
        new("A02BC05", "Esomeprazole 40 mg", "tablet", 28, null, true, 3),
        new("A10BA02", "Metformin 500 mg", "tablet", 56, null, true, 8),
        new("A10BB12", "Glimepiride 2 mg", "tablet", 28, null, true, 2),
        new("B01AC06", "Aspirin 75 mg", "tablet", 28, null, true, 5),
        new("B01AF01", "Rivaroxaban 20 mg", "tablet", 28, null, true, 3),
        new("C03CA01", "Furosemide 40 mg", "tablet", 28, null, true, 3),
        new("C07AB07", "Bisoprolol 5 mg", "tablet", 28, null, true, 5),
        new("C08CA01", "Amlodipine 5 mg", "tablet", 28, null, true, 7),
        new("C09AA05", "Ramipril 5 mg", "capsule", 28, null, true, 6),
        new("C09CA01", "Losartan 50 mg", "tablet", 28, null, true, 4),
        new("C10AA01", "Simvastatin 40 mg", "tablet", 28, null, true, 6),
        new("C10AA05", "Atorvastatin 20 mg", "tablet", 28, null, true, 8),
        new("H03AA01", "Levothyroxine 100 mcg", "tablet", 28, null, true, 5),
        new("J01CA04", "Amoxicillin 500 mg", "capsule", 21, null, false, 8),
        new("J01FA10", "Azithromycin 250 mg", "tablet", 6, null, false, 3),
        new("J01MA02", "Ciprofloxacin 500 mg", "tablet", 10, null, false, 2),
        new("M01AE01", "Ibuprofen 400 mg", "tablet", 24, null, false, 6),
        new("M01AB05", "Diclofenac 50 mg", "tablet", 28, null, false, 3),
        new("N02AA01", "Morphine sulfate 10 mg", "tablet", 20, "UK-2", false, 1),
        new("N02AA05", "Oxycodone 5 mg", "capsule", 28, "UK-2", false, 1),
        new("N02AX02", "Tramadol 50 mg", "capsule", 30, "UK-3", false, 2),
        new("N02AJ06", "Co-codamol 30/500", "tablet", 30, "UK-5", true, 2),
        new("N02BE01", "Paracetamol 500 mg", "tablet", 32, null, false, 8),
        new("N03AX16", "Pregabalin 75 mg", "capsule", 56, "UK-3", false, 2),
        new("N05BA01", "Diazepam 5 mg", "tablet", 14, "UK-4", false, 1),
        new("N05CF01", "Zopiclone 7.5 mg", "tablet", 14, "UK-4", false, 1),
        new("N06AB06", "Sertraline 50 mg", "tablet", 28, null, true, 5),
        new("N06AB10", "Escitalopram 10 mg", "tablet", 28, null, true, 3),
        new("R03AC02", "Salbutamol 100 mcg inhaler", "inhaler", 1, null, true, 5),
        new("R03BA02", "Budesonide 200 mcg inhaler", "inhaler", 1, null, true, 2),
        new("R06AE07", "Cetirizine 10 mg", "tablet", 30, null, false, 3),
    ];

    private static readonly int TotalWeight = All.Sum(d => d.Weight);

    public static Drug Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        foreach (var drug in All)
        {
            if ((roll -= drug.Weight) < 0)
            {
                return drug;
            }
        }

        return All[0];
    }

    /// <summary>The ATC level-3 classes, most dispensed first (by weight and issues per prescription).</summary>
    public static IReadOnlyList<string> Classes =>
        All.GroupBy(d => d.Atc3).OrderByDescending(g => g.Sum(d => d.Weight * (d.Chronic ? 6 : 1))).Select(g => g.Key).ToList();
}
