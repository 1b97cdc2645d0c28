using System.Text.Json.Nodes;
using Ddl.Tests.Support;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>checkpoints: public, in number order, resumable after a number.</summary>
public sealed class CheckpointFeedTests
{
    [Fact]
    public async Task anyone_follows_the_notarys_checkpoints_as_they_are_sealed_and_resumes_after_a_number()
    {
        await using var ledger = await RunningLedger.StartAsync(settings: ["--Ddl:SealInterval", "00:00:00.300"]);
        var world = new FeedWorld(ledger);
        await world.RegisterAsync("pharmacy");

        await using var socket = await FeedSocket.ConnectAsync(ledger.GraphQL);
        await socket.SubscribeAsync("cp", Queries.Checkpoints, new JsonObject { ["after"] = 0 });
        var first = await socket.NextAsync("cp", "checkpoints");
        Assert.Equal(1, first["number"]!.GetValue<long>());

        await world.RegisterAsync("pharmacy");
        var next = await socket.NextAsync("cp", "checkpoints");
        Assert.Equal(2, next["number"]!.GetValue<long>());
        Assert.True(next["size"]!.GetValue<long>() > first["size"]!.GetValue<long>());

        await world.RegisterAsync("pharmacy");
        await using var resumed = await FeedSocket.ConnectAsync(ledger.GraphQL);
        await resumed.SubscribeAsync("cp", Queries.Checkpoints, new JsonObject { ["after"] = 2 });
        Assert.Equal(3, (await resumed.NextAsync("cp", "checkpoints"))["number"]!.GetValue<long>());
    }
}
