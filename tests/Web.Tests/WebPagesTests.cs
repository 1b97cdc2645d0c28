using System.Text.Json.Nodes;

namespace Ddl.Web.Tests;

/// <summary>
/// The web pages in a real browser (headless Chromium), on a ledger seeded through the API, each
/// used as its role would use it. Every script also writes the page's screenshot to
/// docs/screenshots (with DDL_UPDATE_SCREENSHOTS=1), which the README shows.
/// </summary>
public sealed class WebPagesTests(WebWorld world) : IClassFixture<WebWorld>
{
    private Uri Base => new(world.Ledger.GraphQL, "/");

    private static List<string> Strings(JsonNode? node) => node!.AsArray().Select(x => x!.GetValue<string>()).ToList();

    [Fact]
    public async Task the_public_page_shows_statistics_with_suppressed_cells_marked_and_a_checkpoint_verified_in_the_browser()
    {
        await using var browser = await BrowserScript.StartAsync("public.mjs", new JsonObject { ["base"] = Base.ToString() });
        var shown = await browser.ReadUntilAsync("public");
        Assert.StartsWith("✔", shown["checkpointVerdict"]!.GetValue<string>());
        Assert.True(shown["tables"]!.GetValue<int>() >= 1);
        Assert.True(shown["suppressed"]!.GetValue<int>() > 0, "the 3 antihistamine dispensings must be suppressed: " + shown);
        Assert.True(shown["published"]!.GetValue<int>() > 0, "the 14-dispensing cells must be published: " + shown);

        // Keyboard users get the skip link first; a phone-sized screen needs no sideways scrolling.
        Assert.Equal("skip", (await browser.ReadUntilAsync("keyboard"))["firstTabStop"]!.GetValue<string>());
        Assert.True((await browser.ReadUntilAsync("phone"))["horizontalOverflow"]!.GetValue<int>() <= 0);
        await browser.FinishAsync();
    }

    [Fact]
    public async Task a_patient_signs_in_verifies_their_record_in_the_browser_and_a_copy_with_one_byte_changed_is_rejected()
    {
        await using var browser = await BrowserScript.StartAsync("patient.mjs", new JsonObject
        {
            ["base"] = Base.ToString(), ["token"] = world.Ledger.Token(world.Patient, "patient"),
        });

        var report = await browser.ReadUntilAsync("report");
        var timeline = string.Join('\n', Strings(report["timeline"]));
        Assert.Contains("Prescription issued by Riverside Clinic", timeline);
        Assert.Contains("Dispensed by North Pharmacy", timeline);
        Assert.Contains("Procedure done", timeline);
        // 2 prescriptions + 1 sheet, 3 items + 2 orders, 3 dispensings + 1 administration + 1 procedure.
        Assert.Equal(13, report["graphNodes"]!.GetValue<int>());
        Assert.Contains(Strings(report["reads"]), r => r.Contains("institution:regulator"));

        var verified = await browser.ReadUntilAsync("verified");
        Assert.Equal("ok", verified["verdict"]!.GetValue<string>());
        Assert.Empty(verified["failures"]!.AsArray());
        // The patient's chain (3 links), rx-web-1 (3), rx-web-2 (2), the sheet (3) and the chains of
        // the 3 institutions that wrote to them (1 each): every entry of 7 chains.
        Assert.Equal(14, verified["entries"]!.GetValue<int>());
        Assert.Contains("14 entries of 7 chains", verified["summary"]!.GetValue<string>());

        var downloaded = await browser.ReadUntilAsync("downloaded");
        Assert.Equal("ddl.export.v1", downloaded["format"]!.GetValue<string>());
        Assert.Equal("ok", downloaded["verdict"]!.GetValue<string>());

        var tampered = await browser.ReadUntilAsync("tampered");
        Assert.Equal(1, tampered["bytesChanged"]!.GetValue<int>());
        Assert.Equal("failed", tampered["verdict"]!.GetValue<string>());
        var failure = Assert.Single(Strings(tampered["failures"]));
        Assert.Contains("does not match its hash", failure);
        await browser.FinishAsync();
    }

    [Fact]
    public async Task a_pharmacist_dispenses_part_of_a_prescription_and_sees_the_refusal_when_over_dispensing()
    {
        await using var browser = await BrowserScript.StartAsync("pharmacy.mjs", new JsonObject
        {
            ["base"] = Base.ToString(), ["token"] = world.Ledger.Token(world.North.Id, "pharmacy"), ["keyFile"] = world.NorthKeyFile,
            ["prescription"] = world.DeskPrescription, ["partial"] = 10, ["expectedRemaining"] = 20, ["tooMuch"] = 25,
        });

        Assert.Contains("message ok", (await browser.ReadUntilAsync("claimed"))["kind"]!.GetValue<string>());
        var dispensed = await browser.ReadUntilAsync("dispensed");
        Assert.Contains("10 tablet of Paracetamol 500 mg handed over", dispensed["text"]!.GetValue<string>());
        Assert.StartsWith("20", dispensed["remaining"]!.GetValue<string>());
        Assert.Equal("partly dispensed", dispensed["status"]!.GetValue<string>());

        var refused = await browser.ReadUntilAsync("refused");
        Assert.Equal("OVER_DISPENSE", refused["code"]!.GetValue<string>());
        Assert.Contains("That is more than is left to hand over on this fill.", refused["text"]!.GetValue<string>());
        Assert.StartsWith("20", refused["remaining"]!.GetValue<string>());
        await browser.FinishAsync();

        // What the page signed is on the ledger, authored by the pharmacy.
        var rx = await world.Ledger.PostAsync($"{{ prescription(id: \"{world.DeskPrescription}\") {{ dispensings {{ quantity pharmacy }} }} }}", token: world.RegulatorToken);
        var dispensing = Assert.Single(rx["data"]!["prescription"]!["dispensings"]!.AsArray());
        Assert.Equal(10, dispensing!["quantity"]!.GetValue<long>());
        Assert.Equal(world.North.Id, dispensing["pharmacy"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_regulator_filters_the_report_and_sees_a_live_dispensing_appear()
    {
        await using var browser = await BrowserScript.StartAsync("regulator.mjs", new JsonObject
        {
            ["base"] = Base.ToString(), ["token"] = world.RegulatorToken, ["atcPrefix"] = "N02",
        });

        await browser.ReadUntilAsync("first");
        var filtered = await browser.ReadUntilAsync("filtered");
        var rows = filtered["rows"]!.AsArray().Select(r => Strings(r)).ToList();
        // N02 only, by region: paracetamol and aspirin, not the antibiotic or the antihistamine.
        Assert.Equal(["north", "south"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.True(long.Parse(r[1]) >= 14, string.Join(",", r)));
        Assert.Equal(3, filtered["charts"]!.GetValue<int>());

        await browser.ReadUntilAsync("ready");
        await world.WaitForFeedsAsync(1);
        var receipt = await world.DispenseAsync(world.South, world.LivePrescription, 0, 1, 150, "N02AX02", "Tramadol 50 mg");
        await browser.SendAsync(new JsonObject { ["chain"] = world.LivePrescription, ["seq"] = receipt["seq"]!.GetValue<long>() });

        var live = await browser.ReadUntilAsync("live");
        Assert.Contains(Strings(live["items"]), i => i.Contains("150 tablet Tramadol 50 mg") && i.Contains(world.South.Id));
        Assert.Contains(Strings(live["alerts"]), a => a.Contains("Large quantity: 150 tablet"));

        var again = await browser.ReadUntilAsync("again");
        Assert.Equal("consistent", again["consistency"]!.GetValue<string>());
        await browser.FinishAsync();
    }
}
