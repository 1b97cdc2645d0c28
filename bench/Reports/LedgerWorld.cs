using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;

namespace Ddl.Bench.Reports;

/// <summary>
/// The institutions of the synthetic ledger and the keys everyone signs with. Institution keys
/// are derived from the run's seed, so a later run over the same database (resuming generation,
/// or only measuring) signs with the same keys the registrations published.
/// </summary>
public sealed class LedgerWorld : IDisposable
{
    public const int Regions = 12;
    public const int Centres = 300;
    public const int Pharmacies = 1500;

    private readonly SigningKey[] centreKeys;
    private readonly SigningKey[] pharmacyKeys;

    public LedgerWorld(GenesisFiles genesis, int seed)
    {
        Genesis = genesis;
        Seed = seed;
        centreKeys = Enumerable.Range(0, Centres).Select(i => KeyFor(CentreId(i))).ToArray();
        pharmacyKeys = Enumerable.Range(0, Pharmacies).Select(i => KeyFor(PharmacyId(i))).ToArray();
    }

    public GenesisFiles Genesis { get; }

    public int Seed { get; }

    public static string RegionOf(int institution) => $"region-{institution % Regions + 1:D2}";

    public static string CentreId(int i) => $"institution:centre-{i:D4}";

    public static string PharmacyId(int i) => $"institution:pharmacy-{i:D4}";

    public SigningKey CentreKey(int i) => centreKeys[i];

    public SigningKey PharmacyKey(int i) => pharmacyKeys[i];

    /// <summary>Centres and pharmacies of one region: institution i is in region i mod <see cref="Regions"/>.</summary>
    public static int CentreIn(int region, Random random) => region + Regions * random.Next(Centres / Regions);

    public static int PharmacyIn(int region, Random random) => region + Regions * random.Next(Pharmacies / Regions);

    /// <summary>The registry authority's registration of every institution, as <c>ddl register</c> submits it.</summary>
    public IEnumerable<PlannedEntry> Registrations(DateTimeOffset at)
    {
        for (var i = 0; i < Centres + Pharmacies; i++)
        {
            var centre = i < Centres;
            var n = centre ? i : i - Centres;
            var id = centre ? CentreId(n) : PharmacyId(n);
            var key = centre ? centreKeys[n] : pharmacyKeys[n];
            yield return new PlannedEntry(id, InstitutionEvents.Registered, GenesisFiles.AuthorityId, at.AddMilliseconds(i), new JsonObject
            {
                ["kind"] = centre ? "medical_centre" : "pharmacy",
                ["name"] = centre ? $"Medical centre {n}" : $"Pharmacy {n}",
                ["region"] = RegionOf(n),
                ["keys"] = new JsonArray(key.Public.ToJson()),
            });
        }
    }

    private SigningKey KeyFor(string institution) =>
        SigningKey.FromSeed("k1", SHA256.HashData(Encoding.UTF8.GetBytes($"ddl-bench-reports/{Seed}/{institution}")));

    public void Dispose()
    {
        foreach (var key in centreKeys.Concat(pharmacyKeys))
        {
            key.Dispose();
        }
    }
}
