using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>chainEntries: what the store holds from a seq, then the live entries, each verifiable from what was sent.</summary>
public sealed class ChainEntriesTests
{
    private static long Seq(JsonNode e) => e["seq"]!.GetValue<long>();

    [Fact]
    public async Task a_chain_replays_from_the_seq_asked_then_follows_live_and_resumes_from_the_next_seq()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var centre = await world.RegisterAsync("medical_centre");
        var pharmacy = await world.RegisterAsync("pharmacy");
        var rx = await world.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02BE01", "Paracetamol 500 mg", 100));
        for (var i = 0; i < 3; i++)
        {
            await world.DispenseAsync(pharmacy, rx, issue: 1, quantity: 1);
        }

        var socket = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(centre));
        await socket.SubscribeAsync("c", Queries.ChainEntries, new JsonObject { ["chain"] = rx, ["fromSeq"] = 1 });
        var replayed = await socket.NextAsync("c", "chainEntries", 3);
        Assert.Equal([1L, 2, 3], replayed.Select(Seq));
        Assert.All(replayed, e => Assert.True(e["replayed"]!.GetValue<bool>()));
        Assert.All(replayed, e => Assert.Null(e["cursor"]));

        await world.DispenseAsync(pharmacy, rx, issue: 1, quantity: 1);
        var live = await socket.NextAsync("c", "chainEntries");
        Assert.Equal(4, Seq(live));
        Assert.False(live["replayed"]!.GetValue<bool>());
        Assert.Equal(replayed[^1]["hash"]!.GetValue<string>(), live["prev"]!.GetValue<string>());
        // The hash covers exactly the canonical text sent: a client can check what it was told.
        Assert.Equal(live["hash"]!.GetValue<string>(), Hashes.Tagged(Tags.Entry, Encoding.UTF8.GetBytes(live["entry"]!["canonical"]!.GetValue<string>())));
        Assert.Equal(pharmacy.Id, live["dispensing"]!["pharmacy"]!.GetValue<string>());
        Assert.Equal(replayed[0]["dispensing"]!["prescriber"]!.GetValue<string>(), live["dispensing"]!["prescriber"]!.GetValue<string>());

        socket.Kill();
        await socket.DisposeAsync();
        await world.DispenseAsync(pharmacy, rx, issue: 1, quantity: 1);
        await using var resumed = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(centre));
        await resumed.SubscribeAsync("c", Queries.ChainEntries, new JsonObject { ["chain"] = rx, ["fromSeq"] = Seq(live) + 1 });
        var missed = await resumed.NextAsync("c", "chainEntries");
        await world.DispenseAsync(pharmacy, rx, issue: 1, quantity: 1);
        var next = await resumed.NextAsync("c", "chainEntries");
        Assert.Equal((5L, true, 6L, false), (Seq(missed), missed["replayed"]!.GetValue<bool>(), Seq(next), next["replayed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task without_fromSeq_a_chain_feed_starts_with_the_next_entry()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var pharmacy = await world.RegisterAsync("pharmacy");
        var socket = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(pharmacy));
        await socket.SubscribeAsync("own", Queries.ChainEntries, new JsonObject { ["chain"] = pharmacy.Id });
        await world.WaitForFeedsAsync(1);
        Assert.True(await socket.IsQuietAsync(TimeSpan.FromMilliseconds(300)));

        var key = SigningKey.Generate("k2");
        var added = await world.SubmitAsync(pharmacy, pharmacy.Id, InstitutionEvents.KeyAdded, new JsonObject { ["key"] = key.Public.ToJson() });
        var e = await socket.NextAsync("own", "chainEntries");
        Assert.Equal((1L, added["hash"]!.GetValue<string>(), InstitutionEvents.KeyAdded), (Seq(e), e["hash"]!.GetValue<string>(), e["type"]!.GetValue<string>()));
        await socket.DisposeAsync();
    }
}
