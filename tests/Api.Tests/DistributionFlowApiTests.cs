using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Store;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests;

/// <summary>
/// The issue's scripted scenario through GraphQL as each role, with the typed mutations and real
/// tokens: register centres and pharmacies, prescribe (repeats, a controlled drug), dispense in
/// part and in full, try every forbidden action, let one expire, cancel one; then every chain
/// verifies and the patient's chain links each prescription exactly once.
/// </summary>
public sealed class DistributionFlowApiTests
{
    private sealed record Actor(string Id, string Role, SigningKey Key);

    private static JsonObject Input(Ddl.Grains.Wire.SignedSubmission s) =>
        new() { ["input"] = new JsonObject { ["submission"] = s.Submission, ["sig"] = s.Sig } };

    private static async Task<JsonObject> ActAsync(RunningLedger ledger, Actor actor, string mutation, string chain, string type, JsonObject body) =>
        await ledger.PostAsAsync(actor.Id, actor.Role,
            $"mutation($input: SignedSubmissionInput!) {{ {mutation}(input: $input) {{ chain seq hash }} }}",
            Input(TestLedger.Sign(actor.Key, actor.Id, chain, type, body)));

    private static async Task OkAsync(RunningLedger ledger, Actor actor, string mutation, string chain, string type, JsonObject body)
    {
        var response = await ActAsync(ledger, actor, mutation, chain, type, body);
        Assert.True(response["errors"] is null, response.ToJsonString());
    }

    private static async Task RefusedAsync(string code, RunningLedger ledger, Actor actor, string mutation, string chain, string type, JsonObject body)
    {
        var response = await ActAsync(ledger, actor, mutation, chain, type, body);
        Assert.True(response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() == code, $"expected {code}: {response.ToJsonString()}");
    }

    [Fact]
    public async Task the_drug_distribution_flow_as_each_role_with_every_forbidden_action_refused()
    {
        await using var ledger = await RunningLedger.StartAsync(null, null, "--Ddl:Schedule:PollInterval", "00:00:00.500");
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var authority = new Actor(GenesisFiles.AuthorityId, "admin", genesis.Authority);

        async Task<Actor> RegisterAsync(string name, string kind, string role)
        {
            var actor = new Actor($"institution:{name}", role, SigningKey.Generate("k1"));
            await OkAsync(ledger, authority, "registerInstitution", actor.Id, "institution.registered", new JsonObject
            {
                ["kind"] = kind, ["name"] = name, ["region"] = "north", ["keys"] = new JsonArray(actor.Key.Public.ToJson()),
            });
            return actor;
        }

        var north = await RegisterAsync("north-clinic", "medical_centre", "medical_centre");
        var south = await RegisterAsync("south-clinic", "medical_centre", "medical_centre");
        var pharmacies = new[]
        {
            await RegisterAsync("pharmacy-a", "pharmacy", "pharmacy"),
            await RegisterAsync("pharmacy-b", "pharmacy", "pharmacy"),
            await RegisterAsync("pharmacy-c", "pharmacy", "pharmacy"),
        };
        var patient = new Actor("patient:p-1", "patient", SigningKey.Generate("none"));

        // Prescriptions: repeats, a controlled drug, one about to expire; another patient's.
        await OkAsync(ledger, north, "issuePrescription", "prescription:rx-1", "prescription.issued",
            Issue(patient.Id, TimeSpan.FromDays(30), Item("N02BE01", "Paracetamol 500 mg", 30, repeats: 1)));
        await OkAsync(ledger, north, "issuePrescription", "prescription:rx-2", "prescription.issued",
            Issue(patient.Id, TimeSpan.FromDays(28), Item("N02AA01", "Morphine 10 mg", 10, schedule: "UK-2", substitution: false)));
        await OkAsync(ledger, north, "issuePrescription", "prescription:rx-3", "prescription.issued",
            Issue(patient.Id, TimeSpan.FromSeconds(2), Item("J01CA04", "Amoxicillin 500 mg", 21)));
        await OkAsync(ledger, south, "issuePrescription", "prescription:rx-4", "prescription.issued",
            Issue("patient:p-2", TimeSpan.FromDays(30), Item("C09AA05", "Ramipril 5 mg", 28)));

        // Dispensing in part, then in full; the other pharmacies are kept out meanwhile.
        await OkAsync(ledger, pharmacies[0], "dispense", "prescription:rx-1", "prescription.dispensed", Dispense(0, 1, 10, "N02BE01", "Paracetamol 500 mg"));
        await RefusedAsync(ErrorCodes.ClaimedByOtherPharmacy, ledger, pharmacies[1], "dispense", "prescription:rx-1", "prescription.dispensed", Dispense(0, 1, 5, "N02BE01", "Paracetamol"));
        await RefusedAsync(ErrorCodes.OverDispense, ledger, pharmacies[0], "dispense", "prescription:rx-1", "prescription.dispensed", Dispense(0, 1, 25, "N02BE01", "Paracetamol"));
        await OkAsync(ledger, pharmacies[0], "dispense", "prescription:rx-1", "prescription.dispensed", Dispense(0, 1, 20, "N02BE01", "Paracetamol 500 mg"));
        await OkAsync(ledger, pharmacies[0], "releasePrescription", "prescription:rx-1", "prescription.released", new JsonObject());
        await OkAsync(ledger, pharmacies[2], "dispense", "prescription:rx-1", "prescription.dispensed", Dispense(0, 2, 30, "N02BE01", "Paracetamol 500 mg"));
        await RefusedAsync(ErrorCodes.SubstitutionNotAllowed, ledger, pharmacies[1], "dispense", "prescription:rx-2", "prescription.dispensed", Dispense(0, 1, 5, "N02AA04", "Morphine (other)"));

        // Forbidden actions, each with its code.
        // A patient token carrying a pharmacy's signed dispense (a replayed or stolen submission).
        var stolen = TestLedger.Sign(pharmacies[1].Key, pharmacies[1].Id, "prescription:rx-2", "prescription.dispensed", Dispense(0, 1, 1, "N02AA01", "Morphine 10 mg"));
        var asPatient = await ledger.PostAsAsync(patient.Id, "patient", "mutation($input: SignedSubmissionInput!) { dispense(input: $input) { seq } }", Input(stolen));
        Assert.Equal(ErrorCodes.Forbidden, asPatient["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        await RefusedAsync(ErrorCodes.Forbidden, ledger, pharmacies[1], "issuePrescription", "prescription:rx-9", "prescription.issued",
            Issue(patient.Id, TimeSpan.FromDays(5), Item("N02BE01", "Paracetamol", 10)));
        await RefusedAsync(ErrorCodes.Forbidden, ledger, pharmacies[1], "cancelPrescription", "prescription:rx-2", "prescription.cancelled", new JsonObject { ["reason"] = "x" });
        await RefusedAsync(ErrorCodes.Forbidden, ledger, south, "cancelPrescription", "prescription:rx-2", "prescription.cancelled", new JsonObject { ["reason"] = "not mine" });
        await RefusedAsync(ErrorCodes.InvalidArgument, ledger, north, "cancelPrescription", "prescription:rx-2", "prescription.issued", new JsonObject());

        // The issuer cancels; nothing is dispensed after it.
        await OkAsync(ledger, north, "cancelPrescription", "prescription:rx-2", "prescription.cancelled", new JsonObject { ["reason"] = "therapy changed" });
        await RefusedAsync(ErrorCodes.PrescriptionCancelled, ledger, pharmacies[1], "dispense", "prescription:rx-2", "prescription.dispensed", Dispense(0, 1, 5, "N02AA01", "Morphine 10 mg"));

        // rx-3 expires by itself, written by the ledger.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string status;
        do
        {
            await Task.Delay(300);
            var read = await ledger.PostAsAsync(authority.Id, "admin", "{ prescription(id: \"prescription:rx-3\") { status } }");
            status = read["data"]!["prescription"]!["status"]!.GetValue<string>();
        }
        while (status != "expired" && DateTime.UtcNow < deadline);
        Assert.Equal("expired", status);
        await RefusedAsync(ErrorCodes.PrescriptionExpired, ledger, pharmacies[1], "dispense", "prescription:rx-3", "prescription.dispensed", Dispense(0, 1, 1, "J01CA04", "Amoxicillin"));

        // The patient reads their own record, and nothing of anyone else's.
        var record = await ledger.PostAsAsync(patient.Id, "patient", "{ myRecord { patient prescriptions { id status items { status dispensed } } } }");
        var statuses = record["data"]!["myRecord"]!["prescriptions"]!.AsArray().ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!["status"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { ["prescription:rx-1"] = "dispensed", ["prescription:rx-2"] = "cancelled", ["prescription:rx-3"] = "expired" }, statuses);
        foreach (var query in new[] { "{ prescription(id: \"prescription:rx-4\") { id } }", "{ chain(id: \"patient:p-2\") { length } }", "{ patientRecord(id: \"patient:p-2\") { patient } }" })
        {
            var denied = await ledger.PostAsAsync(patient.Id, "patient", query);
            Assert.Equal(ErrorCodes.Forbidden, denied["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }

        // Every chain verifies; the patient's chain links each prescription exactly once.
        var store = ledger.Services.GetRequiredService<IEntryStore>();
        var institutions = new[] { north.Id, south.Id }.Concat(pharmacies.Select(p => p.Id)).ToArray();
        foreach (var chain in new[] { "prescription:rx-1", "prescription:rx-2", "prescription:rx-3", "prescription:rx-4", patient.Id, "patient:p-2" }.Concat(institutions))
        {
            Assert.Null(await StoredChains.VerifyAsync(store, genesis.Genesis, chain, institutions));
        }

        var links = (await StoredChains.ReadAllAsync(store, patient.Id)).Where(e => e.Type == "patient.linked").Select(e => e.Nonce).ToList();
        Assert.Equal(["link:prescription:rx-1", "link:prescription:rx-2", "link:prescription:rx-3"], links.Order());
    }
}
