using System.Text.Json.Nodes;
using Ddl.Tests.Support;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>
/// The transport's close codes, once each against the real ledger (the transport's own tests cover
/// them in depth): a token that does not validate, subscribe before the ack, a duplicate id, an
/// unknown message type.
/// </summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task the_ledger_closes_with_the_protocol_codes_for_a_bad_token_an_early_subscribe_a_duplicate_id_and_an_unknown_type()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var regulator = world.Token(TestLedger.NewId("institution"), "regulator");

        await using (var forged = await FeedSocket.OpenAsync(ledger.GraphQL))
        {
            await forged.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["token"] = regulator[..^4] + "AAAA" } });
            Assert.Equal(4403, await forged.CloseCodeAsync());
        }

        await using (var bearer = await FeedSocket.OpenAsync(ledger.GraphQL))
        {
            await bearer.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["Authorization"] = "Basic abc" } });
            Assert.Equal(4403, await bearer.CloseCodeAsync());
        }

        await using (var early = await FeedSocket.OpenAsync(ledger.GraphQL))
        {
            await early.SubscribeAsync("1", Queries.Dispensings);
            Assert.Equal(4401, await early.CloseCodeAsync());
        }

        await using (var duplicate = await FeedSocket.ConnectAsync(ledger.GraphQL, regulator))
        {
            await duplicate.SubscribeAsync("1", Queries.Dispensings);
            await duplicate.SubscribeAsync("1", Queries.Dispensings);
            Assert.Equal(4409, await duplicate.CloseCodeAsync());
        }

        await using (var unknown = await FeedSocket.ConnectAsync(ledger.GraphQL, regulator))
        {
            await unknown.SendAsync(new JsonObject { ["type"] = "subscribe_all_the_things" });
            Assert.Equal(4400, await unknown.CloseCodeAsync());
        }

        // And the Authorization form of the token is accepted.
        await using var accepted = await FeedSocket.OpenAsync(ledger.GraphQL);
        await accepted.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["Authorization"] = "Bearer " + regulator } });
        Assert.Equal("connection_ack", (await accepted.ReceiveAsync())["type"]!.GetValue<string>());
    }
}
