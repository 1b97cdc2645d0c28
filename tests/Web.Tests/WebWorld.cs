using System.Text.Json.Nodes;
using Ddl.Grains.Feeds;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Web.Tests;

/// <summary>
/// One real ledger (the host a user runs, on free ports) seeded through the public GraphQL API with
/// the signed mutations a medical centre and pharmacies send: enough dispensings for public
/// statistics with both published and suppressed cells, a patient with prescriptions, dispensings
/// and a treatment sheet (administered, procedure done), one unclaimed prescription for the desk
/// and one for the live feed. Shared by the page tests, which run one after another.
/// </summary>
public sealed class WebWorld : IAsyncLifetime
{
    public sealed record Actor(string Id, string Role, SigningKey Key);

    public RunningLedger Ledger { get; private set; } = null!;
    public Actor Centre { get; private set; } = null!;
    public Actor North { get; private set; } = null!;
    public Actor South { get; private set; } = null!;
    public string Patient { get; } = "patient:p-web";
    public string DeskPrescription { get; } = "prescription:rx-desk";
    public string LivePrescription { get; } = "prescription:rx-live";
    public string NorthKeyFile { get; private set; } = null!;
    public string RegulatorToken => Ledger.Token("institution:regulator", "regulator");

    public async Task InitializeAsync()
    {
        Ledger = await RunningLedger.StartAsync(null, null, "--Ddl:SealInterval", "00:00:01");
        var genesis = Ledger.Services.GetRequiredService<GenesisFiles>();
        var authority = new Actor(GenesisFiles.AuthorityId, "admin", genesis.Authority);

        async Task<Actor> RegisterAsync(string id, string kind, string name, string region)
        {
            var actor = new Actor(id, kind, SigningKey.Generate("k1"));
            await OkAsync(authority, "registerInstitution", id, "institution.registered", new JsonObject
            {
                ["kind"] = kind, ["name"] = name, ["region"] = region, ["keys"] = new JsonArray(actor.Key.Public.ToJson()),
            });
            return actor;
        }

        Centre = await RegisterAsync("institution:riverside-clinic", "medical_centre", "Riverside Clinic", "north");
        North = await RegisterAsync("institution:north-pharmacy", "pharmacy", "North Pharmacy", "north");
        South = await RegisterAsync("institution:south-pharmacy", "pharmacy", "South Pharmacy", "south");
        NorthKeyFile = Path.Combine(Ledger.DataDir, "north-pharmacy.key.json");
        KeyFile.Save(NorthKeyFile, North.Key);

        // The patient's record: two prescriptions (one dispensed in part, then in full) and a treatment sheet.
        await IssueAsync("prescription:rx-web-1", Patient, Item("N02BE01", "Paracetamol 500 mg", 30, repeats: 1));
        await IssueAsync("prescription:rx-web-2", Patient, Item("J01CA04", "Amoxicillin 500 mg", 21), Item("R06AE07", "Cetirizine 10 mg", 10));
        await DispenseAsync(North, "prescription:rx-web-1", 0, 1, 10, "N02BE01", "Paracetamol 500 mg");
        await DispenseAsync(North, "prescription:rx-web-1", 0, 1, 20, "N02BE01", "Paracetamol 500 mg");
        await DispenseAsync(South, "prescription:rx-web-2", 0, 1, 21, "J01CA04", "Amoxicillin 500 mg");
        await OkAsync(Centre, "createTreatmentSheet", "treatment:tx-web", "treatment.created", new JsonObject
        {
            ["patient"] = Patient,
            ["medications"] = new JsonArray(new JsonObject
            {
                ["drug"] = new JsonObject { ["atc"] = "N02AA01", ["name"] = "Morphine 10 mg/ml" }, ["dose"] = "5 mg", ["quantity"] = 10, ["unit"] = "ml",
            }),
            ["procedures"] = new JsonArray(new JsonObject { ["code"] = "X-RAY", ["name"] = "Chest X-ray" }),
        });
        await OkAsync(Centre, "recordAdministration", "treatment:tx-web", "treatment.administered", new JsonObject { ["item"] = 0, ["quantity"] = 2, ["unit"] = "ml" });
        await OkAsync(Centre, "recordProcedure", "treatment:tx-web", "treatment.procedure_done", new JsonObject { ["procedure"] = 0 });

        // Volume for the statistics and the aggregate: many small dispensings of analgesics in both
        // regions (published counts), a few antihistamines in one (suppressed).
        await IssueAsync("prescription:rx-volume-n", "patient:p-volume-1", Item("N02BE01", "Paracetamol 500 mg", 1000));
        await IssueAsync("prescription:rx-volume-s", "patient:p-volume-2", Item("N02BA01", "Aspirin 300 mg", 1000));
        await IssueAsync("prescription:rx-volume-r", "patient:p-volume-3", Item("R06AE07", "Cetirizine 10 mg", 100));
        for (var i = 0; i < 14; i++)
        {
            await DispenseAsync(North, "prescription:rx-volume-n", 0, 1, 2, "N02BE01", "Paracetamol 500 mg");
            await DispenseAsync(South, "prescription:rx-volume-s", 0, 1, 3, "N02BA01", "Aspirin 300 mg");
        }
        for (var i = 0; i < 3; i++)
        {
            await DispenseAsync(South, "prescription:rx-volume-r", 0, 1, 1, "R06AE07", "Cetirizine 10 mg");
        }

        await IssueAsync(DeskPrescription, "patient:p-desk", Item("N02BE01", "Paracetamol 500 mg", 30));
        await IssueAsync(LivePrescription, "patient:p-live", Item("N02AX02", "Tramadol 50 mg", 200));

        // A regulator reads the patient's report: the patient must see that read.
        var read = await Ledger.PostAsync($"{{ treatmentReport(patient: \"{Patient}\") {{ patient }} }}", token: RegulatorToken);
        Assert.True(read["errors"] is null, read.ToJsonString());
        await ProjectedAsync();
    }

    public Task IssueAsync(string id, string patient, params JsonObject[] items) =>
        OkAsync(Centre, "issuePrescription", id, "prescription.issued", Issue(patient, TimeSpan.FromDays(30), items));

    public Task<JsonObject> DispenseAsync(Actor pharmacy, string rx, int item, int issue, long quantity, string atc, string name) =>
        OkAsync(pharmacy, "dispense", rx, "prescription.dispensed", Dispense(item, issue, quantity, atc, name));

    public async Task<JsonObject> OkAsync(Actor actor, string mutation, string chain, string type, JsonObject body)
    {
        var signed = TestLedger.Sign(actor.Key, actor.Id, chain, type, body);
        var response = await Ledger.PostAsync(
            $"mutation($input: SignedSubmissionInput!) {{ {mutation}(input: $input) {{ chain seq hash }} }}",
            new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } },
            Ledger.Token(actor.Id, actor.Role));
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]![mutation]!.AsObject();
    }

    /// <summary>Waits until the read model has every dispensing (the projector runs after each commit).</summary>
    private async Task ProjectedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var total = await Ledger.PostAsync("{ distributionAggregate { rows { count } } }", token: RegulatorToken);
            if (total["data"]?["distributionAggregate"]?["rows"]?[0]?["count"]?.GetValue<long>() == 34)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the read model did not catch up: " + total.ToJsonString());
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the silo serves <paramref name="count"/> live feeds (a page's subscription is in place).</summary>
    public async Task WaitForFeedsAsync(int count)
    {
        var hub = Ledger.Services.GetRequiredService<SiloFeedHub>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (hub.FeedCount < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{hub.FeedCount} feeds set up, expected {count}.");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync() => await Ledger.DisposeAsync();
}
