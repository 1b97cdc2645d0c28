using System.Text.Json.Nodes;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>The regulators' dispensing feed and its filters.</summary>
public sealed class DispensingFeedTests
{
    [Fact]
    public async Task a_regulator_narrows_the_dispensing_feed_by_atc_prefix_drug_code_region_and_institution()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var centre = await world.RegisterAsync("medical_centre");
        var north = await world.RegisterAsync("pharmacy", region: "north");
        var south = await world.RegisterAsync("pharmacy", region: "south");
        var opioid = await world.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02AA01", "Morphine 10 mg", 100, national: "NAT-MOR"));
        var analgesic = await world.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02BE01", "Paracetamol 500 mg", 100));
        var another = await world.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02BE01", "Paracetamol 500 mg", 100));
        var token = world.Token(TestLedger.NewId("institution"), "regulator");

        var filters = new Dictionary<string, JsonObject>
        {
            ["all"] = new(),
            ["opioids"] = new() { ["atcPrefix"] = "N02A" },
            ["analgesics"] = new() { ["atcPrefix"] = "N02" },
            ["morphine"] = new() { ["drugCode"] = "NAT-MOR" },
            ["south"] = new() { ["region"] = "south" },
            ["northOpioids"] = new() { ["region"] = "north", ["atcPrefix"] = "N02A" },
            ["atNorth"] = new() { ["institution"] = north.Id },
            ["byCentre"] = new() { ["institution"] = centre.Id },
        };
        await using var socket = await FeedSocket.ConnectAsync(ledger.GraphQL, token);
        foreach (var (id, filter) in filters)
        {
            await socket.SubscribeAsync(id, Queries.Dispensings, new JsonObject { ["filter"] = filter });
        }

        await world.WaitForFeedsAsync(filters.Count);
        await world.DispenseAsync(north, opioid, 1, 5, "N02AA01", "Morphine 10 mg");
        await world.DispenseAsync(south, analgesic, 1, 5, "N02BE01", "Paracetamol 500 mg");
        await world.DispenseAsync(north, another, 1, 5, "N02BE01", "Paracetamol 500 mg");

        // 3 + 1 + 3 + 1 + 1 + 1 + 2 + 3 events, in whatever order the subscriptions interleave.
        var received = new List<(string Id, string Chain, string Pharmacy)>();
        for (var i = 0; i < 15; i++)
        {
            var message = await socket.ReceiveAsync();
            var e = message["payload"]!["data"]!["dispensings"]!;
            received.Add((message["id"]!.GetValue<string>(), e["chain"]!.GetValue<string>(), e["dispensing"]!["pharmacy"]!.GetValue<string>()));
        }

        Assert.True(await socket.IsQuietAsync(TimeSpan.FromMilliseconds(500)));
        // Order is promised within a chain, not across chains: compare what each feed got, sorted.
        List<(string, string)> Of(string id) => received.Where(r => r.Id == id).Select(r => (r.Chain, r.Pharmacy)).Order().ToList();
        List<(string, string)> Expect(params (string, string)[] events) => events.Order().ToList();
        Assert.Equal(Expect((opioid, north.Id), (analgesic, south.Id), (another, north.Id)), Of("all"));
        Assert.Equal(Expect((opioid, north.Id)), Of("opioids"));
        Assert.Equal(Of("all"), Of("analgesics"));
        Assert.Equal(Expect((opioid, north.Id)), Of("morphine"));
        Assert.Equal(Expect((analgesic, south.Id)), Of("south"));
        Assert.Equal(Expect((opioid, north.Id)), Of("northOpioids"));
        Assert.Equal(Expect((opioid, north.Id), (another, north.Id)), Of("atNorth"));
        Assert.Equal(Of("all"), Of("byCentre"));
    }
}
