using System.Net.WebSockets;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.WebSockets;

/// <summary>Messages that break the protocol close the socket with the protocol's code and a reason.</summary>
public sealed class ProtocolErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("""{"type":"subscribed"}""", "unknown type 'subscribed'")]
    [InlineData("not json", "not JSON")]
    [InlineData("""["connection_init"]""", "not a JSON object")]
    [InlineData("""{"payload":{}}""", "missing 'type'")]
    [InlineData("""{"type":7}""", "missing 'type'")]
    [InlineData("""{"type":"subscribe","id":"","payload":{"query":"{ hello }"}}""", "non-blank 'id'")]
    [InlineData("""{"type":"subscribe","id":"   ","payload":{"query":"{ hello }"}}""", "non-blank 'id'")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ hello }"}}""", "non-blank 'id'")]
    [InlineData("""{"type":"subscribe","id":"1"}""", "payload must be an object")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{}}""", "needs a 'query'")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":"{ hello }","variables":[1]}}""", "must be objects")]
    [InlineData("""{"type":"complete"}""", "non-blank 'id'")]
    [InlineData("""{"type":"ping","payload":"text"}""", "payload must be an object")]
    public async Task a_malformed_or_unknown_message_closes_with_4400_and_a_reason(string message, string reasonPart)
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SendTextAsync(message);
        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.Contains(reasonPart, reason);
    }

    [Fact]
    public async Task a_binary_message_closes_with_4400()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        var (code, _, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
    }

    [Fact]
    public async Task a_message_over_the_size_limit_closes_with_1009()
    {
        await using var server = await TestServer.StartAsync(o => o.WebSockets.MaxMessageBytes = 1024);
        await using var client = await WsClient.ConnectAndInitAsync(server);

        await client.SubscribeAsync("1", "{ hello } #" + new string('x', 2048));
        var (code, _, _) = await client.ReceiveCloseAsync();

        Assert.Equal(1009, code);
    }

    [Fact]
    public async Task a_subscribe_before_the_ack_closes_with_4401()
    {
        await using var client = await WsClient.ConnectAsync(Server);

        await client.SubscribeAsync("1", "{ hello }");
        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4401, code);
        Assert.Equal("Unauthorized", reason);
    }

    [Fact]
    public async Task a_subscribe_reusing_an_active_id_closes_with_4409()
    {
        var topic = Guid.NewGuid().ToString();
        await using var client = await WsClient.ConnectAndInitAsync(Server);
        await client.SubscribeAsync("dup", $"subscription {{ events(topic: \"{topic}\") }}");
        await Server.Events[topic].WaitForSubscribersAsync(1);

        await client.SubscribeAsync("dup", "{ hello }");
        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for dup already exists", reason);
    }

    [Fact]
    public async Task an_overlong_reason_is_cut_to_fit_a_close_frame()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SendAsync(new { type = new string('z', 500) });
        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(reason), 1, 123);
    }
}
