using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Silo.Genesis;

namespace Ddl.Bench.Feeds;

/// <summary>
/// The institutions and prescriptions a run writes to: one medical centre, one pharmacy per
/// prescription (each dispenses only its own), and every dispensing signed before the clock starts
/// so that signing costs nothing during the measurement.
/// </summary>
public sealed class Scenario
{
    private Scenario(IReadOnlyList<Party> pharmacies, IReadOnlyList<string> prescriptions)
    {
        Pharmacies = pharmacies;
        Prescriptions = prescriptions;
    }

    public sealed record Party(string Id, SigningKey Key);

    public IReadOnlyList<Party> Pharmacies { get; }

    public IReadOnlyList<string> Prescriptions { get; }

    public static async Task<Scenario> CreateAsync(LedgerUnderTest ledger, int prescriptions)
    {
        var grains = ledger.Services.GetRequiredService<IGrainFactory>();
        var centre = await RegisterAsync(grains, ledger.Genesis, "medical_centre");
        var pharmacies = new List<Party>();
        var chains = new List<string>();
        for (var i = 0; i < prescriptions; i++)
        {
            pharmacies.Add(await RegisterAsync(grains, ledger.Genesis, "pharmacy"));
            var rx = "prescription:bench-" + Guid.NewGuid().ToString("N");
            await grains.GetChain(rx).SubmitAsync(Sign(centre, rx, "prescription.issued", new JsonObject
            {
                ["patient"] = "patient:bench-" + Guid.NewGuid().ToString("N")[..12],
                ["validUntil"] = LedgerTime.Format(DateTimeOffset.UtcNow.AddDays(30)),
                ["items"] = new JsonArray(new JsonObject
                {
                    ["drug"] = new JsonObject { ["atc"] = "N02BE01", ["name"] = "Paracetamol 500 mg" },
                    ["dose"] = "1 tablet as directed", ["quantity"] = 1_000_000_000, ["unit"] = "tablet",
                    ["repeats"] = 0, ["substitution"] = true, ["minIntervalDays"] = 0,
                }),
            }));
            chains.Add(rx);
        }

        return new Scenario(pharmacies, chains);
    }

    /// <summary>The <paramref name="n"/>th dispensing: round robin over the prescriptions, one tablet each.</summary>
    public (string Chain, SignedSubmission Signed) Dispensing(int n)
    {
        var i = n % Prescriptions.Count;
        return (Prescriptions[i], Sign(Pharmacies[i], Prescriptions[i], "prescription.dispensed", new JsonObject
        {
            ["item"] = 0, ["issue"] = 1, ["quantity"] = 1, ["unit"] = "tablet",
            ["product"] = new JsonObject { ["atc"] = "N02BE01", ["name"] = "Paracetamol 500 mg" },
        }));
    }

    private static async Task<Party> RegisterAsync(IGrainFactory grains, GenesisFiles genesis, string kind)
    {
        var id = "institution:bench-" + Guid.NewGuid().ToString("N")[..16];
        var key = SigningKey.Generate("k1");
        var authority = new Party(GenesisFiles.AuthorityId, genesis.Authority);
        await grains.GetChain(id).SubmitAsync(Sign(authority, id, "institution.registered", new JsonObject
        {
            ["kind"] = kind, ["name"] = "Bench " + kind, ["region"] = "north", ["keys"] = new JsonArray(key.Public.ToJson()),
        }));
        return new Party(id, key);
    }

    private static SignedSubmission Sign(Party author, string chain, string type, JsonObject body)
    {
        var submission = Submission.Create(type, chain, author.Id, author.Key.Public.Id, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), body);
        return new SignedSubmission(Encoding.UTF8.GetString(submission.CanonicalBytes()), submission.Sign(author.Key));
    }
}
