using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Patients;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Grains.Tests;

/// <summary>The drug distribution flow through the real actors on a 3-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PrescriptionFlowTests(ClusterFixture fixture)
{
    private TestLedger Ledger => fixture.Ledger;

    private sealed record Institution(string Id, SigningKey Key);

    private async Task<Institution> RegisterAsync(string kind)
    {
        var id = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        await fixture.Grains.GetChain(id).SubmitAsync(Ledger.Registration(id, kind, key));
        return new Institution(id, key);
    }

    private Task<Receipt> SubmitAsync(Institution who, string chain, string type, JsonObject body) =>
        fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(who.Key, who.Id, chain, type, body));

    private async Task<string> RefusalAsync(Institution who, string chain, string type, JsonObject body) =>
        (await Assert.ThrowsAsync<LedgerException>(() => SubmitAsync(who, chain, type, body))).Code;

    private async Task<(Institution Centre, string Patient, string Rx)> IssueAsync(TimeSpan validFor, params JsonObject[] items)
    {
        var centre = await RegisterAsync("medical_centre");
        var patient = TestLedger.NewId("patient");
        var rx = TestLedger.NewId("prescription");
        await SubmitAsync(centre, rx, PrescriptionEvents.Issued, Issue(patient, validFor, items));
        return (centre, patient, rx);
    }

    [Fact]
    public async Task partial_and_full_dispensing_with_repeats_never_exceeds_what_was_prescribed()
    {
        var (_, patient, rx) = await IssueAsync(TimeSpan.FromDays(30), Item("N02BE01", "Paracetamol 500 mg", 30, repeats: 1));
        var pharmacy = await RegisterAsync("pharmacy");

        await SubmitAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 10, "N02BE01", "Paracetamol 500 mg"));
        Assert.Equal(ErrorCodes.OverDispense, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 21, "N02BE01", "Paracetamol")));
        Assert.Equal(ErrorCodes.WrongIssue, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 2, 5, "N02BE01", "Paracetamol")));
        Assert.Equal(ErrorCodes.UnitMismatch, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 5, "N02BE01", "Paracetamol", unit: "ml")));
        await SubmitAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 20, "N02BE01", "Paracetamol 500 mg"));
        await SubmitAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 2, 30, "N02BE01", "Paracetamol 500 mg"));
        Assert.Equal(ErrorCodes.RepeatsExhausted, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 3, 1, "N02BE01", "Paracetamol")));

        var view = await fixture.Grains.GetGrain<IPrescriptionGrain>(rx).GetAsync();
        Assert.Equal("dispensed", view!.Status);
        Assert.Equal(60, view.Items[0].Dispensed);
        Assert.Equal([10L, 20, 30], view.Dispenses.Select(d => d.Quantity));
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, rx, view.Issuer, pharmacy.Id));
        await WaitForLinkAsync(patient, rx);
    }

    [Fact]
    public async Task fifty_concurrent_dispenses_from_five_pharmacies_dispense_exactly_what_was_prescribed()
    {
        // One pharmacy wins the prescription (its first dispense claims it) and 10 of the 50 attempts are its own.
        var (_, _, rx) = await IssueAsync(TimeSpan.FromDays(30), Item("J01CA04", "Amoxicillin 500 mg", 8));
        var pharmacies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RegisterAsync("pharmacy")));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var pharmacy = pharmacies[i % 5];
            try
            {
                await SubmitAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "J01CA04", "Amoxicillin 500 mg"));
                return "OK";
            }
            catch (LedgerException e)
            {
                return e.Code;
            }
        }));

        var view = await fixture.Grains.GetGrain<IPrescriptionGrain>(rx).GetAsync();
        Assert.Equal(8, view!.Items[0].Dispensed);
        Assert.Equal(8, attempts.Count(a => a == "OK"));
        Assert.All(attempts.Where(a => a != "OK"), code => Assert.Contains(code, new[] { ErrorCodes.ClaimedByOtherPharmacy, ErrorCodes.RepeatsExhausted }));
        Assert.Single(view.Dispenses.Select(d => d.Pharmacy).Distinct());
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, rx, [view.Issuer, .. pharmacies.Select(p => p.Id)]));
    }

    [Fact]
    public async Task forbidden_actions_are_refused_with_their_code_and_write_nothing()
    {
        var (centre, patient, rx) = await IssueAsync(TimeSpan.FromDays(28), Item("N02AA01", "Morphine 10 mg", 10, schedule: "UK-2"));
        var otherCentre = await RegisterAsync("medical_centre");
        var pharmacy = await RegisterAsync("pharmacy");
        var otherPharmacy = await RegisterAsync("pharmacy");
        var before = (await StoredChains.ReadAllAsync(fixture.Store, rx)).Count;

        Assert.Equal(ErrorCodes.Forbidden, await RefusalAsync(pharmacy, TestLedger.NewId("prescription"), PrescriptionEvents.Issued,
            Issue(patient, TimeSpan.FromDays(5), Item("N02BE01", "Paracetamol", 10))));
        Assert.Equal(ErrorCodes.Forbidden, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Cancelled, new JsonObject { ["reason"] = "no" }));
        Assert.Equal(ErrorCodes.Forbidden, await RefusalAsync(otherCentre, rx, PrescriptionEvents.Cancelled, new JsonObject { ["reason"] = "not mine" }));
        Assert.Equal(ErrorCodes.Forbidden, await RefusalAsync(centre, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "N02AA01", "Morphine")));
        Assert.Equal(ErrorCodes.ControlledDrugRule, await RefusalAsync(centre, TestLedger.NewId("prescription"), PrescriptionEvents.Issued,
            Issue(patient, TimeSpan.FromDays(40), Item("N02AA01", "Morphine 10 mg", 10, schedule: "UK-2"))));
        Assert.Equal(ErrorCodes.ControlledDrugRule, await RefusalAsync(centre, TestLedger.NewId("prescription"), PrescriptionEvents.Issued,
            Issue(patient, TimeSpan.FromDays(10), Item("N02AA05", "Oxycodone 5 mg", 10, repeats: 1, schedule: "US-II"))));

        await SubmitAsync(pharmacy, rx, PrescriptionEvents.Claimed, new JsonObject());
        Assert.Equal(ErrorCodes.ClaimedByOtherPharmacy, await RefusalAsync(otherPharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "N02AA01", "Morphine")));

        // A signature for one chain replayed on another is refused.
        var signed = TestLedger.Sign(pharmacy.Key, pharmacy.Id, rx, PrescriptionEvents.Released, new JsonObject());
        var replay = await Assert.ThrowsAsync<LedgerException>(() => fixture.Grains.GetChain(TestLedger.NewId("prescription")).SubmitAsync(signed));
        Assert.Equal(ErrorCodes.WrongChain, replay.Code);

        // A suspended institution, and a revoked key, write nothing.
        await fixture.Grains.GetChain(otherPharmacy.Id).SubmitAsync(
            TestLedger.Sign(Ledger.Authority, TestLedger.AuthorityId, otherPharmacy.Id, "institution.suspended", new JsonObject()));
        Assert.Equal(ErrorCodes.InstitutionSuspended, await RefusalAsync(otherPharmacy, rx, PrescriptionEvents.Claimed, new JsonObject()));
        var second = SigningKey.Generate("k2");
        await SubmitAsync(pharmacy, pharmacy.Id, "institution.key.added", new JsonObject { ["key"] = second.Public.ToJson() });
        await fixture.Grains.GetChain(pharmacy.Id).SubmitAsync(TestLedger.Sign(second, pharmacy.Id, pharmacy.Id, "institution.key.revoked", new JsonObject { ["id"] = "k1" }));
        Assert.Equal(ErrorCodes.KeyRevoked, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "N02AA01", "Morphine")));

        Assert.Equal(before + 1, (await StoredChains.ReadAllAsync(fixture.Store, rx)).Count);
        var cancelled = await fixture.Grains.GetChain(rx).SubmitAsync(TestLedger.Sign(centre.Key, centre.Id, rx, PrescriptionEvents.Cancelled, new JsonObject { ["reason"] = "changed therapy" }));
        Assert.Equal(before + 1, cancelled.Seq);
        var pharmacyWithNewKey = new Institution(pharmacy.Id, second);
        Assert.Equal(ErrorCodes.PrescriptionCancelled, await RefusalAsync(pharmacyWithNewKey, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "N02AA01", "Morphine")));
    }

    [Fact]
    public async Task the_ledger_records_the_expiry_itself_and_nothing_is_dispensed_after_it()
    {
        var (_, _, rx) = await IssueAsync(TimeSpan.FromSeconds(2), Item("N02BE01", "Paracetamol 500 mg", 30));
        var pharmacy = await RegisterAsync("pharmacy");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        PrescriptionView? view;
        do
        {
            await Task.Delay(250);
            view = await fixture.Grains.GetGrain<IPrescriptionGrain>(rx).GetAsync();
        }
        while (view!.Status != "expired" && DateTime.UtcNow < deadline);

        Assert.Equal("expired", view.Status);
        var entries = await StoredChains.ReadAllAsync(fixture.Store, rx);
        Assert.Equal((PrescriptionEvents.Expired, Authors.Ledger), (entries[^1].Type, entries[^1].Author));
        Assert.Equal(ErrorCodes.PrescriptionExpired, await RefusalAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "N02BE01", "Paracetamol")));
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, rx, view.Issuer));
    }

    [Fact]
    public async Task a_crash_between_the_prescription_and_its_patient_link_still_ends_with_the_link_exactly_once()
    {
        var centre = await RegisterAsync("medical_centre");
        var patient = TestLedger.NewId("patient");
        var rx = TestLedger.NewId("prescription");
        fixture.Faults.Arm(FaultPoints.BeforePatientLink, rx);

        var receipt = await SubmitAsync(centre, rx, PrescriptionEvents.Issued, Issue(patient, TimeSpan.FromDays(10), Item("C09AA05", "Ramipril 5 mg", 28)));
        Assert.Equal(0, receipt.Seq);

        // The silo that hosted the prescription dies too; the scheduler on the others finishes the link.
        await fixture.Cluster.DeactivateAsync(fixture.Grains.GetChain(rx));
        await WaitForLinkAsync(patient, rx);
        await Task.Delay(1500);
        var links = (await StoredChains.ReadAllAsync(fixture.Store, patient)).Where(e => e.Type == PatientEvents.Linked).ToList();
        Assert.Single(links);
        Assert.Contains(receipt.Hash, links[0].CanonicalJson);
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, patient));
    }

    [Fact]
    public async Task a_treatment_sheet_takes_administrations_and_procedures_within_what_was_ordered()
    {
        var centre = await RegisterAsync("medical_centre");
        var otherCentre = await RegisterAsync("medical_centre");
        var pharmacy = await RegisterAsync("pharmacy");
        var patient = TestLedger.NewId("patient");
        var sheet = TestLedger.NewId("treatment");
        await SubmitAsync(centre, sheet, TreatmentEvents.Created, new JsonObject
        {
            ["patient"] = patient,
            ["medications"] = new JsonArray(new JsonObject
            {
                ["drug"] = new JsonObject { ["atc"] = "B01AB05", ["name"] = "Enoxaparin 40 mg" }, ["dose"] = "40 mg s.c. daily", ["quantity"] = 3, ["unit"] = "syringe",
            }),
            ["procedures"] = new JsonArray(new JsonObject { ["code"] = "80146002", ["name"] = "Appendectomy" }),
        });

        await SubmitAsync(centre, sheet, TreatmentEvents.Administered, new JsonObject { ["item"] = 0, ["quantity"] = 2, ["unit"] = "syringe" });
        await SubmitAsync(otherCentre, sheet, TreatmentEvents.Administered, new JsonObject { ["item"] = 0, ["quantity"] = 1, ["unit"] = "syringe" });
        Assert.Equal(ErrorCodes.OverAdministration, await RefusalAsync(centre, sheet, TreatmentEvents.Administered, new JsonObject { ["item"] = 0, ["quantity"] = 1, ["unit"] = "syringe" }));
        Assert.Equal(ErrorCodes.Forbidden, await RefusalAsync(pharmacy, sheet, TreatmentEvents.Administered, new JsonObject { ["item"] = 0, ["quantity"] = 1, ["unit"] = "syringe" }));
        await SubmitAsync(centre, sheet, TreatmentEvents.ProcedureDone, new JsonObject { ["procedure"] = 0 });
        Assert.Equal(ErrorCodes.OverAdministration, await RefusalAsync(centre, sheet, TreatmentEvents.ProcedureDone, new JsonObject { ["procedure"] = 0 }));

        var view = await fixture.Grains.GetGrain<ITreatmentGrain>(sheet).GetAsync();
        Assert.Equal(3, view!.Medications[0].Administered);
        Assert.Equal(1, view.Procedures[0].Done);
        await WaitForLinkAsync(patient, sheet);
    }

    private async Task WaitForLinkAsync(string patient, string chain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await fixture.Grains.GetGrain<IPatientGrain>(patient).GetLinkedChainsAsync()).Contains(chain))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{patient} never linked {chain}");
            await Task.Delay(200);
        }
    }
}
