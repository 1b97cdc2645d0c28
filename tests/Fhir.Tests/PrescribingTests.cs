using System.Net;
using System.Text.Json.Nodes;
using Ddl.Fhir.Outbound;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Tests;

/// <summary>A medical centre's system prescribes in FHIR; a pharmacy's system dispenses in FHIR; the ledger entries say the same, field by field.</summary>
public sealed class PrescribingTests
{
    [Fact]
    public async Task a_bundle_of_medication_requests_becomes_one_prescription_entry_field_by_field()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        var start = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var end = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");

        var answer = await world.PostAsync("MedicationRequest",
            FhirWorld.Example("medicationrequest-bundle", ("PATIENT", world.Patient), ("GROUP", group), ("START", start), ("END", end)),
            clinic, "medical_centre");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var requests = answer.As<Bundle>().Entry.Select(e => Assert.IsType<MedicationRequest>(e.Resource)).ToList();
        Assert.Equal(2, requests.Count);
        var chain = "prescription:" + group;
        var submission = await world.EntryAsync(chain, 0);
        Assert.Equal("prescription.issued", submission.Type);
        Assert.Equal(clinic, submission.Author);
        Assert.Equal("custodial-1", submission.Key);
        var body = submission.Body;
        Assert.True(body["custodial"]!.GetValue<bool>());
        Assert.Equal("patient:" + world.Patient, body["patient"]!.GetValue<string>());
        Assert.Equal(start + "T00:00:00.000Z", body["validFrom"]!.GetValue<string>());
        Assert.Equal(DateTime.UtcNow.AddDays(31).ToString("yyyy-MM-dd") + "T00:00:00.000Z", body["validUntil"]!.GetValue<string>());

        var tylenol = body["items"]![0]!;
        Assert.Equal("N02BE51", tylenol["drug"]!["atc"]!.GetValue<string>());
        Assert.Equal("50580-506-02", tylenol["drug"]!["national"]!.GetValue<string>());
        Assert.Equal("http://hl7.org/fhir/sid/ndc", tylenol["drug"]!["nationalSystem"]!.GetValue<string>());
        Assert.Equal("paracetamol, combinations excl. psycholeptics", tylenol["drug"]!["name"]!.GetValue<string>());
        Assert.Equal("one to two tablets every 4-6 hours as needed for rib pain", tylenol["dose"]!.GetValue<string>());
        Assert.Equal(30, tylenol["quantity"]!.GetValue<long>());
        Assert.Equal("TAB", tylenol["unit"]!.GetValue<string>());
        Assert.Equal("http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm", tylenol["unitSystem"]!.GetValue<string>());
        Assert.Equal(0, tylenol["repeats"]!.GetValue<long>());
        Assert.True(tylenol["substitution"]!.GetValue<bool>());
        Assert.Equal(0, tylenol["minIntervalDays"]!.GetValue<long>());

        var amoxicillin = body["items"]![1]!;
        Assert.Equal("J01CA04", amoxicillin["drug"]!["atc"]!.GetValue<string>());
        Assert.Equal("308182", amoxicillin["drug"]!["national"]!.GetValue<string>());
        Assert.Equal("Amoxicillin 250 mg oral capsule", amoxicillin["drug"]!["name"]!.GetValue<string>());
        Assert.Equal(21, amoxicillin["quantity"]!.GetValue<long>());
        Assert.Equal("{capsule}", amoxicillin["unit"]!.GetValue<string>());
        Assert.Equal("http://unitsofmeasure.org", amoxicillin["unitSystem"]!.GetValue<string>());
        Assert.Equal(1, amoxicillin["repeats"]!.GetValue<long>());
        Assert.False(amoxicillin["substitution"]!.GetValue<bool>());
        Assert.Equal(7, amoxicillin["minIntervalDays"]!.GetValue<long>());

        // The answer is the prescription as recorded: DDL's ids, and the entry each item stands in.
        var head = (await world.Store.GetAsync(chain, 0))!;
        Assert.Equal([group + ".0", group + ".1"], requests.Select(r => r.Id));
        Assert.All(requests, r => Assert.Equal(new LedgerReference(chain, 0, head.Hash, head.RecordedAt, clinic, "custodial-1", true), LedgerReference.From(r)));
        Assert.Equal("Patient/" + world.Patient, requests[0].Subject.Reference);
        Assert.Equal(MedicationRequest.MedicationrequestStatus.Active, requests[0].Status);
    }

    [Fact]
    public async Task a_pharmacy_dispenses_in_parts_and_each_medication_dispense_is_an_entry_of_the_open_issue()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var (pharmacy, _) = await world.RegisterAsync("pharmacy", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        var prescribed = await world.PostAsync("MedicationRequest",
            FhirWorld.Example("medicationrequest-bundle", [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]), clinic, "medical_centre");
        Assert.Equal(HttpStatusCode.Created, prescribed.Status);

        var first = await world.PostAsync("MedicationDispense", FhirWorld.Example("medicationdispense",
            ("ID", "meddisp0301"), ("PATIENT", world.Patient), ("PRESCRIPTION", group + ".0"), ("QUANTITY", "20"), ("UNIT", "TAB")), pharmacy, "pharmacy");
        var second = await world.PostAsync("MedicationDispense", FhirWorld.Example("medicationdispense",
            ("ID", "meddisp0302"), ("PATIENT", world.Patient), ("PRESCRIPTION", group + ".0"), ("QUANTITY", "10"), ("UNIT", "TAB")), pharmacy, "pharmacy");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        var chain = "prescription:" + group;
        var entry = await world.EntryAsync(chain, 1);
        Assert.Equal("prescription.dispensed", entry.Type);
        Assert.Equal(pharmacy, entry.Author);
        Assert.Equal("custodial-1", entry.Key);
        Assert.Equal("fhir:MedicationDispense/meddisp0301", entry.Nonce);
        var expected = new JsonObject
        {
            ["item"] = 0, ["issue"] = 1, ["quantity"] = 20, ["unit"] = "TAB",
            ["product"] = new JsonObject
            {
                ["atc"] = "N02BE51", ["national"] = "50580-506-02", ["nationalSystem"] = "http://hl7.org/fhir/sid/ndc",
                ["name"] = "paracetamol, combinations excl. psycholeptics",
            },
            ["batch"] = "9494788", ["handedOverAt"] = "2015-01-15T16:20:00.000Z", ["custodial"] = true,
        };
        Assert.True(JsonNode.DeepEquals(expected, entry.Body), entry.Body.ToJsonString());
        Assert.Equal(1, (await world.EntryAsync(chain, 2)).Body["issue"]!.GetValue<long>());
        Assert.Equal(10, (await world.EntryAsync(chain, 2)).Body["quantity"]!.GetValue<long>());

        var dispense = first.As<MedicationDispense>();
        Assert.Equal($"{group}.e1", dispense.Id);
        Assert.Equal(1, LedgerReference.From(dispense)!.Seq);
        Assert.Equal("MedicationRequest/" + group + ".0", dispense.AuthorizingPrescription.Single().Reference);
        Assert.Equal(20m, dispense.Quantity!.Value);
        Assert.Equal("9494788", dispense.Contained.OfType<Medication>().Single().Batch!.LotNumber);

        // The same resource sent again is the same entry, not a second dispensing.
        var again = await world.PostAsync("MedicationDispense", FhirWorld.Example("medicationdispense",
            ("ID", "meddisp0301"), ("PATIENT", world.Patient), ("PRESCRIPTION", group + ".0"), ("QUANTITY", "20"), ("UNIT", "TAB")), pharmacy, "pharmacy");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, LedgerReference.From(again.As<MedicationDispense>())!.Seq);
        Assert.Equal(3, await world.LengthAsync(chain));
    }
}
