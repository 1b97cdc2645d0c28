using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.WebSockets;

public sealed class ServerShutdownTests
{
    [Fact]
    public async Task stopping_the_host_closes_open_sockets_with_1001_instead_of_waiting_for_them()
    {
        var server = await TestServer.StartAsync();
        var name = Guid.NewGuid().ToString();
        await using var client = await WsClient.ConnectAndInitAsync(server);
        await client.SubscribeAsync("feed", $"subscription {{ events(topic: \"{name}\") }}");
        await server.Events[name].WaitForSubscribersAsync(1);

        var stopping = server.DisposeAsync().AsTask();
        var (code, reason, _) = await client.ReceiveCloseAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1001, code);
        Assert.Equal("Server shutting down", reason);
    }
}
