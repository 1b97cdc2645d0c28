using System.Text.Json.Nodes;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Store.Reports;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Reports;

/// <summary>
/// A small ledger with a bit of everything reports look at, written through GraphQL as the real
/// parties: centres and pharmacies in three regions, patients with several prescriptions, partial
/// and repeat dispensings, a correction, a cancellation, a refusal to dispense, a treatment sheet.
/// </summary>
public sealed class ReportWorld : IAsyncDisposable
{
    private const string Submit = "mutation($input: SignedSubmissionInput!) { submit(input: $input) { seq } }";

    private ReportWorld(RunningLedger ledger) => Ledger = ledger;

    public RunningLedger Ledger { get; }

    public List<(string Id, SigningKey Key, string Region)> Centres { get; } = [];

    public List<(string Id, SigningKey Key, string Region)> Pharmacies { get; } = [];

    public List<string> Patients { get; } = [];

    public List<string> Prescriptions { get; } = [];

    public static async Task<ReportWorld> StartAsync(string engine)
    {
        var postgres = engine == "postgres" ? await PostgresSchemas.CreateAsync("ddl_r") : null;
        var world = new ReportWorld(await RunningLedger.StartAsync(postgres: postgres));
        await world.FillAsync();
        return world;
    }

    public async Task SubmitAsync(string author, SigningKey key, string role, string chain, string type, JsonObject body)
    {
        var signed = TestLedger.Sign(key, author, chain, type, body);
        var response = await Ledger.PostAsAsync(author, role, Submit,
            new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
        Assert.True(response["errors"] is null, response.ToJsonString());
    }

    /// <summary>Waits until the read model has projected every committed entry.</summary>
    public async Task ProjectedAsync()
    {
        var model = Ledger.Services.GetRequiredService<ReadModel>();
        for (var i = 0; i < 200 && await model.PendingAsync() > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, await model.PendingAsync());
    }

    private async Task<(string, SigningKey, string)> RegisterAsync(string kind, string region)
    {
        var genesis = Ledger.Services.GetRequiredService<GenesisFiles>();
        var id = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        var signed = TestLedger.Sign(genesis.Authority, GenesisFiles.AuthorityId, id, "institution.registered", new JsonObject
        {
            ["kind"] = kind, ["name"] = $"{kind} {region}", ["region"] = region, ["keys"] = new JsonArray(key.Public.ToJson()),
        });
        var response = await Ledger.PostAsAsync(GenesisFiles.AuthorityId, "admin", Submit,
            new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
        Assert.True(response["errors"] is null, response.ToJsonString());
        return (id, key, region);
    }

    private async Task FillAsync()
    {
        foreach (var region in new[] { "north", "south" })
        {
            Centres.Add(await RegisterAsync("medical_centre", region));
        }

        foreach (var region in new[] { "north", "south", "east" })
        {
            Pharmacies.Add(await RegisterAsync("pharmacy", region));
        }

        var drugs = new[] { ("N02AA01", "Morphine 10 mg", "UK-2"), ("N02BE01", "Paracetamol 500 mg", null), ("N05BA01", "Diazepam 5 mg", "UK-4"), ("J01CA04", "Amoxicillin 500 mg", null) };
        for (var p = 0; p < 4; p++)
        {
            Patients.Add(TestLedger.NewId("patient"));
        }

        for (var n = 0; n < 12; n++)
        {
            var centre = Centres[n % 2];
            var patient = Patients[n % 4];
            var (atc, name, schedule) = drugs[n % 4];
            var rx = TestLedger.NewId("prescription");
            Prescriptions.Add(rx);
            await SubmitAsync(centre.Id, centre.Key, "medical_centre", rx, "prescription.issued",
                Issue(patient, TimeSpan.FromDays(20), Item(atc, name, 20, repeats: schedule == "UK-2" ? 0 : 1, schedule: schedule),
                    Item("N02BE01", "Paracetamol 500 mg", 10)));
            var pharmacy = Pharmacies[n % 3];
            switch (n % 6)
            {
                case 0: // partial, then complete
                    await Dispense(pharmacy, rx, 0, 1, 5, atc, name);
                    await Dispense(pharmacy, rx, 0, 1, 15, atc, name);
                    break;
                case 1: // partial only: on the worklist
                    await Dispense(pharmacy, rx, 0, 1, 7, atc, name);
                    break;
                case 2: // claimed, nothing dispensed yet; second item refused
                    await SubmitAsync(pharmacy.Id, pharmacy.Key, "pharmacy", rx, "prescription.claimed", []);
                    await SubmitAsync(pharmacy.Id, pharmacy.Key, "pharmacy", rx, "prescription.not_dispensed", new JsonObject { ["item"] = 1, ["reason"] = "patient declined" });
                    break;
                case 3: // cancelled before anything was dispensed
                    await SubmitAsync(centre.Id, centre.Key, "medical_centre", rx, "prescription.cancelled", new JsonObject { ["reason"] = "changed therapy" });
                    break;
                case 4: // dispensed, then the quantity corrected
                    await Dispense(pharmacy, rx, 1, 1, 10, "N02BE01", "Paracetamol 500 mg");
                    await SubmitAsync(pharmacy.Id, pharmacy.Key, "pharmacy", rx, "prescription.corrected",
                        new JsonObject { ["corrects"] = new JsonObject { ["seq"] = 1 }, ["reason"] = "miscounted", ["quantity"] = 8 });
                    break;
                default: // untouched: active
                    break;
            }
        }

        var sheet = TestLedger.NewId("treatment");
        var c0 = Centres[0];
        await SubmitAsync(c0.Id, c0.Key, "medical_centre", sheet, "treatment.created", new JsonObject
        {
            ["patient"] = Patients[0],
            ["medications"] = new JsonArray(new JsonObject
            {
                ["drug"] = new JsonObject { ["atc"] = "N02AA01", ["name"] = "Morphine 10 mg/ml" }, ["dose"] = "5 mg", ["quantity"] = 10, ["unit"] = "ml",
            }),
            ["procedures"] = new JsonArray(new JsonObject { ["code"] = "X-RAY", ["name"] = "Chest X-ray" }),
        });
        await SubmitAsync(c0.Id, c0.Key, "medical_centre", sheet, "treatment.administered", new JsonObject { ["item"] = 0, ["quantity"] = 2, ["unit"] = "ml" });
        await SubmitAsync(c0.Id, c0.Key, "medical_centre", sheet, "treatment.procedure_done", new JsonObject { ["procedure"] = 0 });
        await ProjectedAsync();
    }

    private Task Dispense((string Id, SigningKey Key, string Region) pharmacy, string rx, int item, int issue, long quantity, string atc, string name) =>
        SubmitAsync(pharmacy.Id, pharmacy.Key, "pharmacy", rx, "prescription.dispensed", Prescribing.Dispense(item, issue, quantity, atc, name));

    public ValueTask DisposeAsync() => Ledger.DisposeAsync();
}
