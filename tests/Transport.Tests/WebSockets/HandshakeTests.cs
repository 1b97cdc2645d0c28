using System.Diagnostics;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.WebSockets;

/// <summary>Sub-protocol negotiation and connection_init: ack, timeout, repeat, and the auth hook.</summary>
public sealed class HandshakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task the_server_agrees_on_graphql_transport_ws_and_acknowledges_init()
    {
        await using var client = await WsClient.ConnectAsync(Server);
        Assert.Equal("graphql-transport-ws", client.Socket.SubProtocol);

        await client.SendAsync(new { type = "connection_init", payload = new { hello = "there" } });

        var ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("graphql-ws")]
    [InlineData("")]
    public async Task a_client_that_does_not_offer_graphql_transport_ws_is_closed_with_4406(string offered)
    {
        await using var client = await WsClient.ConnectAsync(Server, offered.Split(',', StringSplitOptions.RemoveEmptyEntries));

        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4406, code);
        Assert.Equal("Subprotocol not acceptable", reason);
    }

    [Fact]
    public async Task a_connection_that_never_sends_init_is_closed_with_4408_after_the_three_second_default()
    {
        await using var client = await WsClient.ConnectAsync(Server);
        var clock = Stopwatch.StartNew();

        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4408, code);
        Assert.Equal("Connection initialisation timeout", reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task the_init_timeout_is_configurable_and_does_not_fire_once_acknowledged()
    {
        await using var server = await TestServer.StartAsync(o => o.WebSockets.ConnectionInitTimeout = TimeSpan.FromMilliseconds(300));
        await using var late = await WsClient.ConnectAsync(server);
        await using var prompt = await WsClient.ConnectAndInitAsync(server);

        var (code, _, _) = await late.ReceiveCloseAsync();
        await Task.Delay(500);
        await prompt.SendAsync(new { type = "ping" });

        Assert.Equal(4408, code);
        Assert.Equal("pong", (await prompt.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task a_second_init_is_closed_with_4429()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SendAsync(new { type = "connection_init" });
        var (code, reason, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4429, code);
        Assert.Equal("Too many initialisation requests", reason);
    }

    [Fact]
    public async Task an_init_refused_by_the_auth_hook_is_closed_with_4403()
    {
        await using var client = await WsClient.ConnectAsync(Server);

        await client.SendAsync(new { type = "connection_init", payload = new { token = "reject" } });
        var (code, reason, before) = await client.ReceiveCloseAsync();

        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
        Assert.Empty(before); // no ack was sent
    }

    [Fact]
    public async Task an_auth_hook_that_throws_closes_with_4500()
    {
        await using var client = await WsClient.ConnectAsync(Server);

        await client.SendAsync(new { type = "connection_init", payload = new { token = "throw" } });
        var (code, _, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4500, code);
    }

    [Fact]
    public async Task operations_run_as_the_principal_the_auth_hook_returned()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server, new { user = "bob" });

        await client.SubscribeAsync("1", "{ whoami }");

        var next = await client.ReceiveAsync();
        Assert.Equal("bob", next.GetProperty("payload").GetProperty("data").GetProperty("whoami").GetString());
    }

    [Fact]
    public async Task without_an_auth_hook_operations_run_as_the_user_of_the_upgrade_request()
    {
        await using var server = await TestServer.StartAsync(o => o.WebSockets.AuthenticateConnection = null);
        await using var client = await WsClient.ConnectAndInitAsync(server, user: "carol");

        await client.SubscribeAsync("1", "{ whoami }");

        var next = await client.ReceiveAsync();
        Assert.Equal("carol", next.GetProperty("payload").GetProperty("data").GetProperty("whoami").GetString());
    }

    [Fact]
    public async Task with_websockets_disabled_an_upgrade_request_is_treated_as_a_plain_get()
    {
        await using var server = await TestServer.StartAsync(o => o.WebSockets.Enabled = false);

        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => WsClient.ConnectAsync(server));

        Assert.Contains("400", error.Message);
    }
}
