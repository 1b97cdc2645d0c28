using System.Net;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Tests;

/// <summary>A medical centre's system records a treatment sheet, a drug given and a procedure done, in FHIR.</summary>
public sealed class TreatmentTests
{
    [Fact]
    public async Task a_care_plan_an_administration_and_a_procedure_become_treatment_entries_field_by_field()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var treatment = "tx-" + Guid.NewGuid().ToString("N")[..10];
        var chain = "treatment:" + treatment;

        var plan = await world.PostAsync("CarePlan",
            FhirWorld.Example("careplan", [("TREATMENT", treatment), ("PATIENT", world.Patient), .. FhirWorld.Validity()]), clinic, "medical_centre");
        var given = await world.PostAsync("MedicationAdministration", FhirWorld.Example("medicationadministration",
            ("ID", "medadmin0301"), ("TREATMENT", treatment), ("PATIENT", world.Patient), ("QUANTITY", "1"), ("UNIT", "{vial}")), clinic, "medical_centre");
        var done = await world.PostAsync("Procedure", FhirWorld.Example("procedure",
            ("ID", "appendectomy"), ("TREATMENT", treatment), ("PATIENT", world.Patient)), clinic, "medical_centre");

        Assert.Equal(HttpStatusCode.Created, plan.Status);
        Assert.Equal(HttpStatusCode.Created, given.Status);
        Assert.Equal(HttpStatusCode.Created, done.Status);
        var created = await world.EntryAsync(chain, 0);
        Assert.Equal("treatment.created", created.Type);
        var expected = new JsonObject
        {
            ["patient"] = "patient:" + world.Patient,
            ["medications"] = new JsonArray(new JsonObject
            {
                ["drug"] = new JsonObject { ["atc"] = "J01DD04", ["name"] = "Ceftriaxone 1 g powder for solution for injection" },
                ["dose"] = "1 g intravenously once daily for 3 days", ["quantity"] = 3, ["unit"] = "{vial}", ["unitSystem"] = "http://unitsofmeasure.org",
            }),
            ["procedures"] = new JsonArray(new JsonObject
            {
                ["code"] = "80146002", ["name"] = "Appendectomy", ["count"] = 1, ["system"] = "http://snomed.info/sct",
            }),
            ["validUntil"] = DateTime.UtcNow.AddDays(31).ToString("yyyy-MM-dd") + "T00:00:00.000Z",
            ["custodial"] = true,
        };
        Assert.True(JsonNode.DeepEquals(expected, created.Body), created.Body.ToJsonString());

        var administered = await world.EntryAsync(chain, 1);
        Assert.Equal("treatment.administered", administered.Type);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["item"] = 0, ["quantity"] = 1, ["unit"] = "{vial}", ["custodial"] = true }, administered.Body),
            administered.Body.ToJsonString());
        var procedure = await world.EntryAsync(chain, 2);
        Assert.Equal("treatment.procedure_done", procedure.Type);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["procedure"] = 0, ["custodial"] = true }, procedure.Body), procedure.Body.ToJsonString());

        var carePlan = plan.As<CarePlan>();
        Assert.Equal(treatment, carePlan.Id);
        Assert.Equal(2, carePlan.Activity.Count);
        Assert.Equal("CarePlan/" + treatment, given.As<MedicationAdministration>().SupportingInformation.Single().Reference);
        Assert.Equal("80146002", done.As<Procedure>().Code!.Coding.Single().Code);
    }
}
