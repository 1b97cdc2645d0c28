using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>Who may follow what: refusals come back as the subscription's error, with a code; the socket stays up.</summary>
public sealed class FeedAccessTests
{
    [Fact]
    public async Task feeds_refuse_callers_their_role_or_subject_does_not_allow_and_bad_cursors()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var centre = await world.RegisterAsync("medical_centre");
        var patient = TestLedger.NewId("patient");
        var rx = await world.IssueAsync(centre, patient, Item("N02BE01", "Paracetamol 500 mg", 10));

        await using var anonymous = await FeedSocket.ConnectAsync(ledger.GraphQL);
        await anonymous.SubscribeAsync("u", Queries.PrescriptionUpdates);
        Assert.Equal(ErrorCodes.Unauthenticated, await anonymous.ErrorCodeAsync("u"));
        await anonymous.SubscribeAsync("d", Queries.Dispensings);
        Assert.Equal(ErrorCodes.Unauthenticated, await anonymous.ErrorCodeAsync("d"));
        await anonymous.SubscribeAsync("c", Queries.ChainEntries, new JsonObject { ["chain"] = rx });
        Assert.Equal(ErrorCodes.Unauthenticated, await anonymous.ErrorCodeAsync("c"));

        await using var stranger = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(TestLedger.NewId("patient"), "patient"));
        await stranger.SubscribeAsync("c", Queries.ChainEntries, new JsonObject { ["chain"] = rx });
        Assert.Equal(ErrorCodes.Forbidden, await stranger.ErrorCodeAsync("c"));
        await stranger.SubscribeAsync("p", Queries.ChainEntries, new JsonObject { ["chain"] = patient });
        Assert.Equal(ErrorCodes.Forbidden, await stranger.ErrorCodeAsync("p"));

        await using var pharmacy = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(TestLedger.NewId("institution"), "pharmacy"));
        await pharmacy.SubscribeAsync("d", Queries.Dispensings);
        Assert.Equal(ErrorCodes.Forbidden, await pharmacy.ErrorCodeAsync("d"));
        await pharmacy.SubscribeAsync("bad", Queries.PrescriptionUpdates, new JsonObject { ["after"] = "c1.not-a-cursor!" });
        Assert.Equal(ErrorCodes.InvalidCursor, await pharmacy.ErrorCodeAsync("bad"));

        // The patient may follow their own prescription and their own chain.
        await using var own = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(patient, "patient"));
        await own.SubscribeAsync("rx", Queries.ChainEntries, new JsonObject { ["chain"] = rx, ["fromSeq"] = 0 });
        Assert.Equal("prescription.issued", (await own.NextAsync("rx", "chainEntries"))["type"]!.GetValue<string>());
    }
}
