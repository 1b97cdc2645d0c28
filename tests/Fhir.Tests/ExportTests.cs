using System.Net;
using System.Text.Json.Nodes;
using Ddl.Fhir.Outbound;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Tests;

/// <summary>FHIR out: a patient's record and one prescription as Bundles that the Firely SDK reads back unchanged, each resource tied to its entry.</summary>
public sealed class ExportTests
{
    [Fact]
    public async Task a_patients_record_exports_as_a_bundle_that_round_trips_and_points_at_every_entry()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var (pharmacy, _) = await world.RegisterAsync("pharmacy", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        var treatment = "tx-" + Guid.NewGuid().ToString("N")[..10];
        await world.PostAsync("MedicationRequest", FhirWorld.Example("medicationrequest-bundle",
            [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]), clinic, "medical_centre");
        await world.PostAsync("MedicationDispense", FhirWorld.Example("medicationdispense",
            ("ID", "meddisp0301"), ("PATIENT", world.Patient), ("PRESCRIPTION", group + ".0"), ("QUANTITY", "30"), ("UNIT", "TAB")), pharmacy, "pharmacy");
        await world.PostAsync("CarePlan", FhirWorld.Example("careplan",
            [("TREATMENT", treatment), ("PATIENT", world.Patient), .. FhirWorld.Validity()]), clinic, "medical_centre");
        await world.PostAsync("MedicationAdministration", FhirWorld.Example("medicationadministration",
            ("ID", "medadmin0301"), ("TREATMENT", treatment), ("PATIENT", world.Patient), ("QUANTITY", "1"), ("UNIT", "{vial}")), clinic, "medical_centre");
        await world.PostAsync("Procedure", FhirWorld.Example("procedure",
            ("ID", "appendectomy"), ("TREATMENT", treatment), ("PATIENT", world.Patient)), clinic, "medical_centre");

        // Patient links are written by the ledger right after each document; wait until both are there.
        var export = await world.GetAsync($"Patient/{world.Patient}/$everything", "patient:" + world.Patient, "patient");
        for (var tries = 0; export.As<Bundle>().Entry.Count < 6 && tries < 100; tries++)
        {
            await Task.Delay(100);
            export = await world.GetAsync($"Patient/{world.Patient}/$everything", "patient:" + world.Patient, "patient");
        }

        Assert.Equal(HttpStatusCode.OK, export.Status);
        var bundle = export.As<Bundle>();
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.Equal(
            ["MedicationRequest", "MedicationRequest", "MedicationDispense", "CarePlan", "MedicationAdministration", "Procedure"],
            bundle.Entry.Select(e => e.Resource!.TypeName));

        // Every resource names an entry that the store holds with that very hash.
        foreach (var resource in bundle.Entry.Select(e => (DomainResource)e.Resource!))
        {
            var reference = LedgerReference.From(resource)!;
            var stored = (await world.Store.GetAsync(reference.Chain, reference.Seq))!;
            Assert.Equal(stored.Hash, reference.Hash);
            Assert.Equal(stored.RecordedAt, reference.RecordedAt);
            Assert.True(reference.Custodial);
        }

        // Round trip through the SDK: parse, write, parse again, and nothing changes.
        var reparsed = FhirJson.Parse(FhirJson.Serialize(bundle));
        Assert.True(reparsed.IsExactly(bundle));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(export.Json), JsonNode.Parse(FhirJson.Serialize(reparsed))));

        var dispensed = (MedicationRequest)bundle.Entry[0].Resource!;
        Assert.Equal(MedicationRequest.MedicationrequestStatus.Completed, dispensed.Status);
        Assert.Equal("N02BE51", ((CodeableConcept)dispensed.Medication!).Coding.Single(c => c.System == "http://www.whocc.no/atc").Code);
        Assert.Equal("50580-506-02", ((CodeableConcept)dispensed.Medication!).Coding.Single(c => c.System == "http://hl7.org/fhir/sid/ndc").Code);
        Assert.Equal("TAB", dispensed.DispenseRequest!.Quantity!.Code);

        // The same export through GraphQL, for front ends.
        var graphql = await world.Ledger.PostAsAsync("patient:" + world.Patient, "patient",
            "query($p: String!) { fhirExport(patient: $p) }", new JsonObject { ["p"] = "patient:" + world.Patient });
        var viaGraphQL = (Bundle)FhirJson.Parse(graphql["data"]!["fhirExport"]!.GetValue<string>());
        Assert.Equal(bundle.Entry.Count, viaGraphQL.Entry.Count);
        Assert.True(viaGraphQL.Entry[2].Resource!.IsExactly(bundle.Entry[2].Resource));
    }

    [Fact]
    public async Task one_prescription_exports_with_its_dispensings_and_only_to_those_who_may_read_it()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        await world.PostAsync("MedicationRequest", FhirWorld.Example("medicationrequest-bundle",
            [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]), clinic, "medical_centre");

        var own = await world.GetAsync("MedicationRequest?group-identifier=" + group, "patient:" + world.Patient, "patient");
        var other = await world.GetAsync("MedicationRequest?group-identifier=" + group, "patient:someone-else", "patient");
        var anonymous = await world.GetAsync("MedicationRequest?group-identifier=" + group, null, "patient");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(2, own.As<Bundle>().Entry.Count);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal("FORBIDDEN", other.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("UNAUTHENTICATED", anonymous.Code);
    }

    [Fact]
    public async Task the_capability_statement_lists_what_the_ledger_takes()
    {
        await using var world = await FhirWorld.StartAsync();
        var metadata = await world.GetAsync("metadata", null, "patient");

        var statement = metadata.As<CapabilityStatement>();
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(
            ["MedicationRequest", "MedicationDispense", "MedicationAdministration", "Procedure", "CarePlan", "Patient"],
            statement.Rest.Single().Resource.Select(r => r.Type));
    }
}
