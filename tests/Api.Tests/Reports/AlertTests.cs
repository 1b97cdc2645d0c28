using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Reports;

/// <summary>PDMP-style alerts raised from real dispensings, each naming its definition and version.</summary>
public sealed class AlertTests
{
    private sealed record Actor(string Id, string Role, SigningKey Key);

    [Fact]
    public async Task each_definition_flags_the_patient_whose_dispensings_match_it_and_no_one_else()
    {
        await using var ledger = await RunningLedger.StartAsync(null, null,
            "--Ddl:Alerts:MultipleProviders:MinPrescribers", "2", "--Ddl:Alerts:MultipleProviders:MinPharmacies", "2",
            "--Ddl:Alerts:MultipleProviders:Version", "3");
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var authority = new Actor(GenesisFiles.AuthorityId, "admin", genesis.Authority);

        async Task ActAsync(Actor actor, string mutation, string chain, string type, JsonObject body)
        {
            var signed = TestLedger.Sign(actor.Key, actor.Id, chain, type, body);
            var response = await ledger.PostAsAsync(actor.Id, actor.Role, $"mutation($input: SignedSubmissionInput!) {{ {mutation}(input: $input) {{ seq }} }}",
                new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
            Assert.True(response["errors"] is null, response.ToJsonString());
        }

        async Task<Actor> RegisterAsync(string name, string kind)
        {
            var actor = new Actor($"institution:{name}", kind, SigningKey.Generate("k1"));
            await ActAsync(authority, "registerInstitution", actor.Id, "institution.registered", new JsonObject
            {
                ["kind"] = kind, ["name"] = name, ["region"] = "east", ["keys"] = new JsonArray(actor.Key.Public.ToJson()),
            });
            return actor;
        }

        var centres = new[] { await RegisterAsync("centre-1", "medical_centre"), await RegisterAsync("centre-2", "medical_centre") };
        var pharmacies = new[] { await RegisterAsync("pharmacy-1", "pharmacy"), await RegisterAsync("pharmacy-2", "pharmacy") };
        var n = 0;

        async Task DispenseAsync(Actor centre, Actor pharmacy, string patient, string atc, string name, long quantity, string unit = "tablet")
        {
            var rx = $"prescription:alert-{++n}";
            await ActAsync(centre, "issuePrescription", rx, "prescription.issued", Issue(patient, TimeSpan.FromDays(20), Item(atc, name, quantity, unit)));
            await ActAsync(pharmacy, "dispense", rx, "prescription.dispensed", Dispense(0, 1, quantity, atc, name, unit));
        }

        // p-shopper: two prescribers, two pharmacies. p-mixed: an opioid and a benzodiazepine.
        // p-early: the same drug again from another prescription days later. p-mme: 3,000 mg morphine in 30 days.
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-shopper", "N02BE01", "Paracetamol", 10);
        await DispenseAsync(centres[1], pharmacies[1], "patient:p-shopper", "M01AE01", "Ibuprofen", 10);
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-mixed", "N02AA05", "Oxycodone 5 mg", 20);
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-mixed", "N05BA01", "Diazepam 5 mg", 10);
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-early", "C09AA05", "Ramipril 5 mg", 28);
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-early", "C09AA05", "Ramipril 5 mg", 28);
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-mme", "N02AA01", "Morphine oral solution", 3000, "mg");
        await DispenseAsync(centres[0], pharmacies[0], "patient:p-quiet", "N02BE01", "Paracetamol", 10);

        var expected = new HashSet<(string, string, string)>
        {
            ("multiple-providers", "v3", "patient:p-shopper"),
            ("opioid-benzodiazepine", "v1", "patient:p-mixed"),
            ("early-refill", "v1", "patient:p-early"),
            ("daily-mme", "v1/cdc-2022-subset-1", "patient:p-mme"),
        };
        HashSet<(string, string, string)> raised = [];
        JsonArray alerts = [];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!raised.SetEquals(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            var response = await ledger.PostAsAsync("institution:regulator", "regulator",
                "{ alerts { definition version patient reason evidence { chain seq hash atc } } }");
            alerts = response["data"]!["alerts"]!.AsArray();
            raised = alerts.Select(a => (a!["definition"]!.GetValue<string>(), a["version"]!.GetValue<string>(), a["patient"]!.GetValue<string>())).ToHashSet();
        }

        Assert.Equal(expected.OrderBy(e => e), raised.OrderBy(e => e));
        var mixed = alerts.Single(a => a!["definition"]!.GetValue<string>() == "opioid-benzodiazepine")!;
        Assert.Equal(["N02AA05", "N05BA01"], mixed["evidence"]!.AsArray().Select(e => e!["atc"]!.GetValue<string>()).Order());

        var asPatient = await ledger.PostAsAsync("patient:p-mixed", "patient", "{ alerts { patient } }");
        Assert.Equal(ErrorCodes.Forbidden, asPatient["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
