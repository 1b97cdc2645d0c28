using System.Diagnostics;
using Ddl.Transport.Tests.Infrastructure;
using Ddl.Transport.Tests.Schema;
using Xunit;

namespace Ddl.Transport.Tests.WebSockets;

/// <summary>
/// A client that stops reading must cost the server a bounded buffer and nothing else: the event source keeps
/// publishing at full speed, and the connection is closed with 1013 "Slow consumer".
/// </summary>
public sealed class SlowConsumerTests
{
    private const int BufferCapacity = 16;
    private static readonly string Payload = new('x', 64 * 1024);

    private static Task<TestServer> StartServerAsync() => TestServer.StartAsync(o =>
    {
        o.WebSockets.OutgoingBufferCapacity = BufferCapacity;
        o.WebSockets.CloseTimeout = TimeSpan.FromSeconds(20);
    });

    private static async Task<(WsClient Client, EventHub.Topic Topic)> SubscribeAsync(TestServer server)
    {
        var name = Guid.NewGuid().ToString();
        var client = await WsClient.ConnectAndInitAsync(server);
        await client.SubscribeAsync("feed", $"subscription {{ events(topic: \"{name}\") }}");
        await server.Events[name].WaitForSubscribersAsync(1);
        return (client, server.Events[name]);
    }

    [Fact]
    public async Task a_client_that_stops_reading_is_closed_with_1013_and_never_blocks_the_producer()
    {
        await using var server = await StartServerAsync();
        var (client, topic) = await SubscribeAsync(server);
        await using var _ = client;

        // A steady trickle of 64 KiB events (a pace a reading client keeps up with, see the next test) until the
        // server lets go of the source; the socket buffers between us and the client fill up first.
        var published = 0;
        var slowestPublish = TimeSpan.Zero;
        while (topic.SubscriberCount > 0 && published < 4096)
        {
            var clock = Stopwatch.StartNew();
            topic.Publish(Payload);
            slowestPublish = clock.Elapsed > slowestPublish ? clock.Elapsed : slowestPublish;
            published++;
            await Task.Delay(1);
        }

        var (code, reason, before) = await client.ReceiveCloseAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, topic.SubscriberCount);
        Assert.Equal(1013, code);
        Assert.Equal("Slow consumer", reason);
        Assert.True(before.Count < published, $"All {published} events arrived: the buffer never filled.");
        Assert.True(slowestPublish < TimeSpan.FromMilliseconds(500), $"A publish took {slowestPublish}: the producer was blocked.");
    }

    [Fact]
    public async Task a_client_that_keeps_reading_gets_every_event_at_the_same_pace()
    {
        await using var server = await StartServerAsync();
        var (client, topic) = await SubscribeAsync(server);
        await using var _ = client;
        const int events = 200;

        var reading = Task.Run(async () =>
        {
            for (var i = 0; i < events; i++)
                Assert.Equal("next", (await client.ReceiveAsync()).GetProperty("type").GetString());
        });
        for (var i = 0; i < events; i++)
        {
            topic.Publish(Payload);
            await Task.Delay(1);
        }
        await reading;

        Assert.Equal(1, topic.SubscriberCount);
    }
}
