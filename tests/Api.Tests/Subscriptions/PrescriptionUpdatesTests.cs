using System.Text.Json.Nodes;
using Ddl.Grains.Prescriptions;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>prescriptionUpdates over a real WebSocket: each party sees what concerns it, as it happens.</summary>
public sealed class PrescriptionUpdatesTests
{
    private static string Seq(JsonNode e) => $"{e["chain"]}#{e["seq"]}:{e["type"]}";

    [Fact]
    public async Task the_pharmacy_the_prescriber_and_the_patient_each_see_their_prescription_as_it_changes()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var centre = await world.RegisterAsync("medical_centre");
        var pharmacy = await world.RegisterAsync("pharmacy", region: "south");
        var outsider = await world.RegisterAsync("pharmacy");
        var patient = TestLedger.NewId("patient");

        await using var pharmacySocket = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(pharmacy));
        await using var centreSocket = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(centre));
        await using var patientSocket = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(patient, "patient"));
        await using var outsiderSocket = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(outsider));
        foreach (var socket in new[] { pharmacySocket, centreSocket, patientSocket, outsiderSocket })
        {
            await socket.SubscribeAsync("rx", Queries.PrescriptionUpdates);
        }

        await world.WaitForFeedsAsync(4);
        var rx = await world.IssueAsync(centre, patient, Item("N02BE01", "Paracetamol 500 mg", 30, national: "NL-1234"));
        var dispensed = await world.DispenseAsync(pharmacy, rx, issue: 1, quantity: 10);
        await world.SubmitAsync(centre, rx, PrescriptionEvents.Cancelled, new JsonObject { ["reason"] = "changed treatment" });

        var centreEvents = await centreSocket.NextAsync("rx", "prescriptionUpdates", 3);
        var patientEvents = await patientSocket.NextAsync("rx", "prescriptionUpdates", 3);
        var pharmacyEvents = await pharmacySocket.NextAsync("rx", "prescriptionUpdates", 2);

        Assert.Equal([$"{rx}#0:prescription.issued", $"{rx}#1:prescription.dispensed", $"{rx}#2:prescription.cancelled"], centreEvents.Select(Seq));
        Assert.Equal(centreEvents.Select(Seq), patientEvents.Select(Seq));
        // The pharmacy joins the prescription with its first dispensing, and hears of the cancellation.
        Assert.Equal([$"{rx}#1:prescription.dispensed", $"{rx}#2:prescription.cancelled"], pharmacyEvents.Select(Seq));
        Assert.True(await outsiderSocket.IsQuietAsync(TimeSpan.FromMilliseconds(500)));

        var live = pharmacyEvents[0];
        Assert.Equal(dispensed["hash"]!.GetValue<string>(), live["hash"]!.GetValue<string>());
        Assert.False(live["replayed"]!.GetValue<bool>());
        Assert.Equal(centreEvents[0]["hash"]!.GetValue<string>(), live["prev"]!.GetValue<string>());
        Assert.Equal(pharmacy.Id, live["dispensing"]!["pharmacy"]!.GetValue<string>());
        Assert.Equal("south", live["dispensing"]!["region"]!.GetValue<string>());
        Assert.Equal(centre.Id, live["dispensing"]!["prescriber"]!.GetValue<string>());
        Assert.Equal(patient, live["dispensing"]!["patient"]!.GetValue<string>());
        Assert.Equal(10, live["dispensing"]!["quantity"]!.GetValue<long>());
        Assert.Equal("N02BE01", live["dispensing"]!["prescribed"]!["atc"]!.GetValue<string>());
        Assert.Equal([pharmacy.Id], live["prescription"]!["pharmacies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.StartsWith("c1.", live["cursor"]!.GetValue<string>());
    }
}
