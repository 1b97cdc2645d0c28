using System.Net;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Tests.Support;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Tests;

/// <summary>What the ledger refuses: an OperationOutcome with the code GraphQL would give, and nothing written.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task invalid_json_and_resources_the_ledger_does_not_take_are_refused_with_an_operation_outcome()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        var bundle = FhirWorld.Example("medicationrequest-bundle", [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]);
        var cases = new (string Path, string Json, string Code, HttpStatusCode Status)[]
        {
            ("MedicationRequest", "{\"resourceType\": \"MedicationRequest\",", ErrorCodes.FhirInvalid, HttpStatusCode.BadRequest),
            ("MedicationRequest", bundle.Replace("\"status\": \"active\"", "\"status\": \"almost\""), ErrorCodes.FhirInvalid, HttpStatusCode.BadRequest),
            ("MedicationRequest", bundle.Replace("\"intent\": \"order\"", "\"intent\": \"order\", \"dosage\": 1"), ErrorCodes.FhirInvalid, HttpStatusCode.BadRequest),
            ("Observation", FhirWorld.Example("observation"), ErrorCodes.FhirUnsupported, HttpStatusCode.UnprocessableEntity),
            ("", FhirWorld.Example("observation"), ErrorCodes.FhirUnsupported, HttpStatusCode.UnprocessableEntity),
            ("CarePlan", bundle, ErrorCodes.FhirUnsupported, HttpStatusCode.UnprocessableEntity),
            ("MedicationRequest", bundle.Replace("\"value\": 30,", "\"value\": 30.5,"), ErrorCodes.QuantityNotInteger, HttpStatusCode.UnprocessableEntity),
            ("MedicationRequest", bundle.Replace($", \"end\": \"{FhirWorld.Validity()[1].Value}\"", ""), ErrorCodes.FhirUnmappable, HttpStatusCode.UnprocessableEntity),
            ("MedicationRequest", bundle.Replace("Patient/" + world.Patient, "Group/" + world.Patient), ErrorCodes.FhirUnmappable, HttpStatusCode.UnprocessableEntity),
        };

        foreach (var (path, json, code, status) in cases)
        {
            var answer = await world.PostAsync(path, json, clinic, "medical_centre");
            Assert.True(code == answer.Code && status == answer.Status, $"{path}: expected {code} {status}, got {answer.Status} {answer.Json}");
            var issue = ((OperationOutcome)answer.Resource).Issue.Single();
            Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
            Assert.False(string.IsNullOrWhiteSpace(issue.Diagnostics));
        }

        Assert.Equal(0, await world.LengthAsync("prescription:" + group));
    }

    [Fact]
    public async Task dispensing_what_was_never_prescribed_or_was_cancelled_or_in_another_unit_writes_nothing()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, clinicKey) = await world.RegisterAsync("medical_centre", custodial: true);
        var (pharmacy, _) = await world.RegisterAsync("pharmacy", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        var chain = "prescription:" + group;
        var prescribed = await world.PostAsync("MedicationRequest", FhirWorld.Example("medicationrequest-bundle",
            [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]), clinic, "medical_centre");
        Assert.Equal(HttpStatusCode.Created, prescribed.Status);

        string Dispense(string prescription, string quantity, string unit) => FhirWorld.Example("medicationdispense",
            ("ID", "d-" + Guid.NewGuid().ToString("N")[..8]), ("PATIENT", world.Patient), ("PRESCRIPTION", prescription), ("QUANTITY", quantity), ("UNIT", unit));

        var never = await world.PostAsync("MedicationDispense", Dispense("rx-never-issued.0", "10", "TAB"), pharmacy, "pharmacy");
        var wrongUnit = await world.PostAsync("MedicationDispense", Dispense(group + ".0", "10", "mg"), pharmacy, "pharmacy");
        var fraction = await world.PostAsync("MedicationDispense", Dispense(group + ".0", "2.5", "TAB"), pharmacy, "pharmacy");
        var tooMuch = await world.PostAsync("MedicationDispense", Dispense(group + ".0", "31", "TAB"), pharmacy, "pharmacy");
        var byClinic = await world.PostAsync("MedicationDispense", Dispense(group + ".0", "10", "TAB"), clinic, "medical_centre");

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotIssued), (never.Status, never.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.UnitMismatch), (wrongUnit.Status, wrongUnit.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.QuantityNotInteger), (fraction.Status, fraction.Code));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.OverDispense), (tooMuch.Status, tooMuch.Code));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (byClinic.Status, byClinic.Code));
        Assert.Equal(1, await world.LengthAsync(chain));

        // The clinic cancels with its own key over GraphQL; a FHIR dispensing after that is refused.
        var cancel = TestLedger.Sign(clinicKey, clinic, chain, "prescription.cancelled", new JsonObject { ["reason"] = "wrong patient" });
        var cancelled = await world.Ledger.PostAsAsync(clinic, "medical_centre",
            "mutation($input: SignedSubmissionInput!) { cancelPrescription(input: $input) { seq } }",
            new JsonObject { ["input"] = new JsonObject { ["submission"] = cancel.Submission, ["sig"] = cancel.Sig } });
        Assert.Null(cancelled["errors"]);
        var afterCancel = await world.PostAsync("MedicationDispense", Dispense(group + ".0", "10", "TAB"), pharmacy, "pharmacy");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.PrescriptionCancelled), (afterCancel.Status, afterCancel.Code));
        Assert.Equal(2, await world.LengthAsync(chain));

        // GraphQL's submitFhir refuses with the same code.
        var viaGraphQL = await world.Ledger.PostAsAsync(pharmacy, "pharmacy", "mutation($r: String!) { submitFhir(resource: $r) }",
            new JsonObject { ["r"] = Dispense(group + ".0", "10", "TAB") });
        Assert.Equal(ErrorCodes.PrescriptionCancelled, viaGraphQL["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
