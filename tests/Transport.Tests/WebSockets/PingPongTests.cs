using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.WebSockets;

public sealed class PingPongTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task a_ping_is_answered_with_a_pong_carrying_the_same_payload()
    {
        await using var client = await WsClient.ConnectAndInitAsync(fixture.Server);

        await client.SendAsync(new { type = "ping", payload = new { at = 42 } });

        var pong = await client.ReceiveAsync();
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(42, pong.GetProperty("payload").GetProperty("at").GetInt32());
    }

    [Fact]
    public async Task a_ping_is_answered_even_before_connection_init()
    {
        await using var client = await WsClient.ConnectAsync(fixture.Server);

        await client.SendAsync(new { type = "ping" });

        var pong = await client.ReceiveAsync();
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.False(pong.TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task an_unsolicited_pong_is_accepted_as_a_heartbeat()
    {
        await using var client = await WsClient.ConnectAndInitAsync(fixture.Server);

        await client.SendAsync(new { type = "pong" });
        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task the_server_pings_on_its_interval_once_acknowledged()
    {
        await using var server = await TestServer.StartAsync(o => o.WebSockets.PingInterval = TimeSpan.FromMilliseconds(100));
        await using var client = await WsClient.ConnectAndInitAsync(server);

        var ping = await client.ReceiveAsync();
        await client.SendAsync(new { type = "pong" });
        var another = await client.ReceiveAsync();

        Assert.Equal("ping", ping.GetProperty("type").GetString());
        Assert.Equal("ping", another.GetProperty("type").GetString());
    }
}
