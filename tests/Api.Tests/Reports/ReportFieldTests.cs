using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Store;
using Ddl.Store.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Api.Tests.Reports;

/// <summary>The report fields over GraphQL, on both engines, checked against figures folded from the raw entries.</summary>
public sealed class ReportFieldTests
{
    private const string Aggregate = """
        query($filter: AggregateFilter, $groupBy: [AggregateGroupBy!]) {
          distributionAggregate(filter: $filter, groupBy: $groupBy, first: 1000) { totalGroups rows { keys count quantity patients } }
        }
        """;

    private const string Report = """
        query($patient: String) { treatmentReport(patient: $patient) { patient
          prescriptions { chain seq hash status prescriber validUntil items { item atc status repeatsLeft dispensedTotal }
            dispensings { chain seq hash pharmacy productName quantity at } }
          treatments { chain seq hash administrations { chain seq hash quantity } procedures { chain seq hash } } } }
        """;

    private static string Code(JsonObject response) => response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    private static Dictionary<string, (long Count, long Quantity, long Patients)> Rows(JsonObject response)
    {
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]!["distributionAggregate"]!["rows"]!.AsArray().ToDictionary(
            r => string.Join("|", r!["keys"]!.AsArray().Select(k => k?.GetValue<string>() ?? "null")),
            r => (r!["count"]!.GetValue<long>(), r["quantity"]!.GetValue<long>(), r["patients"]!.GetValue<long>()));
    }

    private static Dictionary<string, (long, long, long)> Expected(IEnumerable<RawDispensing> raw, Func<RawDispensing, string> key) =>
        raw.GroupBy(key).ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(d => d.Quantity), (long)g.Select(d => d.Patient).Distinct().Count()));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task aggregates_recomputed_from_the_raw_entries_equal_what_the_field_answers(string engine)
    {
        await using var world = await ReportWorld.StartAsync(engine);
        var raw = await RawDispensing.ReadAsync(world.Ledger.Services.GetRequiredService<IEntryStore>());
        Assert.NotEmpty(raw);
        var regulator = (Sub: "institution:regulator-1", Role: "regulator");

        async Task Check(JsonObject variables, Dictionary<string, (long, long, long)> expected)
        {
            var actual = Rows(await world.Ledger.PostAsAsync(regulator.Sub, regulator.Role, Aggregate, variables));
            Assert.Equal(expected.OrderBy(x => x.Key, StringComparer.Ordinal), actual.OrderBy(x => x.Key, StringComparer.Ordinal));
        }

        await Check(new JsonObject { ["groupBy"] = new JsonArray("ATC3", "REGION", "MONTH") },
            Expected(raw, d => $"{d.Atc![..4]}|{d.Region}|{d.Month}"));
        await Check(new JsonObject { ["groupBy"] = new JsonArray("DRUG") }, Expected(raw, d => d.Atc!));
        await Check(new JsonObject { ["groupBy"] = new JsonArray("INSTITUTION", "DAY"), ["filter"] = new JsonObject { ["atcPrefix"] = "N02" } },
            Expected(raw.Where(d => d.Atc!.StartsWith("N02", StringComparison.Ordinal)), d => $"{d.Pharmacy}|{d.Day}"));
        await Check(new JsonObject { ["groupBy"] = new JsonArray("PRESCRIBER_INSTITUTION", "ATC1"), ["filter"] = new JsonObject { ["region"] = "north" } },
            Expected(raw.Where(d => d.Region == "north"), d => $"{d.Prescriber}|{d.Atc![..1]}"));
        await Check(new JsonObject { ["groupBy"] = new JsonArray(), ["filter"] = new JsonObject { ["schedule"] = "UK-2", ["from"] = "2000-01-01", ["to"] = "2999-12-31" } },
            new() { [""] = ((long)raw.Count(d => d.Schedule == "UK-2"), raw.Where(d => d.Schedule == "UK-2").Sum(d => d.Quantity),
                (long)raw.Where(d => d.Schedule == "UK-2").Select(d => d.Patient).Distinct().Count()) });

        // Drill-down: the entries behind one row are exactly the raw dispensings of that group.
        var row = raw.GroupBy(d => d.Region).First();
        var entries = await world.Ledger.PostAsAsync(regulator.Sub, regulator.Role, """
            query($key: [String]!) { aggregateEntries(groupBy: [REGION], key: $key, first: 1000) { chain seq hash } }
            """, new JsonObject { ["key"] = new JsonArray(row.Key) });
        Assert.Equal(row.Select(d => $"{d.Chain}#{d.Seq}").Order(StringComparer.Ordinal),
            entries["data"]!["aggregateEntries"]!.AsArray().Select(e => $"{e!["chain"]}#{e["seq"]}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task a_rebuild_from_the_entries_gives_exactly_the_same_read_model_and_reports(string engine)
    {
        await using var world = await ReportWorld.StartAsync(engine);
        var model = world.Ledger.Services.GetRequiredService<ReadModel>();
        var before = await model.DumpAsync();
        var reportBefore = await world.Ledger.PostAsAsync(world.Patients[0], "patient", Report);
        var aggregateBefore = await world.Ledger.PostAsAsync("institution:regulator-1", "regulator", Aggregate,
            new JsonObject { ["groupBy"] = new JsonArray("ATC5", "REGION", "WEEK") });

        var rebuilt = await model.RebuildAsync();

        Assert.True(rebuilt > 30);
        Assert.Equal(before, await model.DumpAsync());
        Assert.Equal(reportBefore.ToJsonString(), (await world.Ledger.PostAsAsync(world.Patients[0], "patient", Report)).ToJsonString());
        Assert.Equal(aggregateBefore.ToJsonString(), (await world.Ledger.PostAsAsync("institution:regulator-1", "regulator", Aggregate,
            new JsonObject { ["groupBy"] = new JsonArray("ATC5", "REGION", "WEEK") })).ToJsonString());

        // Rows written page by page: a correction then reaches a dispensing row already in the table.
        Assert.Equal(rebuilt, await model.RebuildAsync(pageSize: 2, rowsPerCopy: 1));
        Assert.Equal(before, await model.DumpAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task a_patient_token_reaches_no_other_patients_data_through_any_report_field(string engine)
    {
        await using var world = await ReportWorld.StartAsync(engine);
        var me = world.Patients[0];
        var other = world.Patients[1];

        var own = await world.Ledger.PostAsAsync(me, "patient", Report);
        Assert.True(own["errors"] is null, own.ToJsonString());
        Assert.Equal(me, own["data"]!["treatmentReport"]!["patient"]!.GetValue<string>());
        Assert.NotEmpty(own["data"]!["treatmentReport"]!["prescriptions"]!.AsArray());
        Assert.DoesNotContain(other, own.ToJsonString());

        var refused = new (string Query, JsonObject? Variables)[]
        {
            (Report, new JsonObject { ["patient"] = other }),
            ("{ pharmacyWorklist { patient } }", null),
            ($"{{ pharmacyWorklist(pharmacy: \"{world.Pharmacies[0].Id}\") {{ patient }} }}", null),
            ("{ dispensingLog { patient } }", null),
            ("{ prescriptionTracker { patient } }", null),
            ($"{{ prescriptionTracker(medicalCentre: \"{world.Centres[0].Id}\") {{ patient }} }}", null),
            ("{ distributionAggregate(groupBy: [DRUG]) { totalGroups } }", null),
            ("{ aggregateEntries(key: []) { patient } }", null),
        };
        foreach (var (query, variables) in refused)
        {
            var response = await world.Ledger.PostAsAsync(me, "patient", query, variables);
            Assert.True(response["errors"] is not null, query);
            Assert.Equal(ErrorCodes.Forbidden, Code(response));
            Assert.DoesNotContain(other, response.ToJsonString());
        }

        // Anonymous callers get nothing patient-level either.
        Assert.Equal(ErrorCodes.Unauthenticated, Code(await world.Ledger.PostAsync(Report)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task every_read_of_a_patients_data_by_another_party_is_listed_to_that_patient_only(string engine)
    {
        await using var world = await ReportWorld.StartAsync(engine);
        var patient = world.Patients[0];
        const string Log = "{ whoReadMyRecord { id reader readerRole field at } }";
        Assert.Empty((await world.Ledger.PostAsAsync(patient, "patient", Log))["data"]!["whoReadMyRecord"]!.AsArray());

        await world.Ledger.PostAsAsync(patient, "patient", Report); // the patient's own read is not an access by another party
        Assert.Null((await world.Ledger.PostAsAsync("institution:regulator-1", "regulator", Report, new JsonObject { ["patient"] = patient }))["errors"]);
        var centre = world.Centres[0];
        Assert.Null((await world.Ledger.PostAsAsync(centre.Id, "medical_centre", "{ prescriptionTracker { patient item { status } } }"))["errors"]);

        var log = (await world.Ledger.PostAsAsync(patient, "patient", Log))["data"]!["whoReadMyRecord"]!.AsArray();
        Assert.Equal(new[] { "institution:regulator-1/treatmentReport", $"{centre.Id}/prescriptionTracker" }.Order(StringComparer.Ordinal),
            log.Select(e => $"{e!["reader"]}/{e["field"]}").Order(StringComparer.Ordinal));

        // The log is the patient's: nobody else lists it.
        Assert.Equal(ErrorCodes.Forbidden, Code(await world.Ledger.PostAsAsync(centre.Id, "medical_centre", Log)));
        Assert.DoesNotContain(log, e => e!["reader"]!.GetValue<string>() == world.Patients[1]);
        Assert.DoesNotContain((await world.Ledger.PostAsAsync(world.Patients[3], "patient", Log))["data"]!["whoReadMyRecord"]!.AsArray(),
            e => e!["field"]!.GetValue<string>() == "treatmentReport");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task the_worklist_tracker_and_patient_report_show_what_the_entries_say(string engine)
    {
        await using var world = await ReportWorld.StartAsync(engine);
        // Prescription 1 (pharmacy 1): 7 of 20 dispensed in issue 1; prescription 7 (pharmacy 1) the same.
        var worklist = await world.Ledger.PostAsAsync(world.Pharmacies[1].Id, "pharmacy",
            "{ pharmacyWorklist { chain item issue dispensedInIssue remaining issuesLeft status } }");
        Assert.True(worklist["errors"] is null, worklist.ToJsonString());
        var partly = worklist["data"]!["pharmacyWorklist"]!.AsArray().Where(w => w!["chain"]!.GetValue<string>() == world.Prescriptions[1] && w["item"]!.GetValue<long>() == 0).Single()!;
        Assert.Equal(7, partly["dispensedInIssue"]!.GetValue<long>());
        Assert.Equal(13, partly["remaining"]!.GetValue<long>());
        Assert.Equal("partly_dispensed", partly["status"]!.GetValue<string>());

        var tracker = await world.Ledger.PostAsAsync(world.Centres[0].Id, "medical_centre",
            "{ prescriptionTracker(filter: \"not_dispensed\") { chain item { item status notDispensedReason } } }");
        var refusedItems = tracker["data"]!["prescriptionTracker"]!.AsArray();
        Assert.Contains(refusedItems, t => t!["chain"]!.GetValue<string>() == world.Prescriptions[2] && t["item"]!["notDispensedReason"]!.GetValue<string>() == "patient declined");

        var report = (await world.Ledger.PostAsAsync(world.Patients[0], "patient", Report))["data"]!["treatmentReport"]!;
        var first = report["prescriptions"]!.AsArray().Single(p => p!["chain"]!.GetValue<string>() == world.Prescriptions[0])!;
        Assert.Equal("dispensed", first["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal([5L, 15], first["dispensings"]!.AsArray().Select(d => d!["quantity"]!.GetValue<long>()));
        var store = world.Ledger.Services.GetRequiredService<IEntryStore>();
        foreach (var d in first["dispensings"]!.AsArray())
        {
            var entry = await store.GetAsync(d!["chain"]!.GetValue<string>(), d["seq"]!.GetValue<long>());
            Assert.Equal(entry!.Hash, d["hash"]!.GetValue<string>());
        }

        var treatment = report["treatments"]!.AsArray().Single()!;
        Assert.Equal(2, treatment["administrations"]![0]!["quantity"]!.GetValue<long>());
        Assert.Single(treatment["procedures"]!.AsArray());
    }
}
