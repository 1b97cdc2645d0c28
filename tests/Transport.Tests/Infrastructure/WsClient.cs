using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Ddl.Transport.Tests.Infrastructure;

/// <summary>A real <see cref="ClientWebSocket"/> speaking graphql-transport-ws by hand, one JSON message at a time.</summary>
public sealed class WsClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private WsClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<WsClient> ConnectAsync(TestServer server, string[]? subProtocols = null, string? user = null)
    {
        var socket = new ClientWebSocket();
        foreach (var protocol in subProtocols ?? ["graphql-transport-ws"])
            socket.Options.AddSubProtocol(protocol);
        if (user is not null)
            socket.Options.SetRequestHeader(TestServer.UserHeader, user);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(server.WebSocketUri, timeout.Token);
        return new WsClient(socket);
    }

    /// <summary>Connects, sends connection_init and checks for connection_ack.</summary>
    public static async Task<WsClient> ConnectAndInitAsync(TestServer server, object? payload = null, string? user = null)
    {
        var client = await ConnectAsync(server, user: user);
        await client.SendAsync(payload is null ? new { type = "connection_init" } : new { type = "connection_init", payload });
        var ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        return client;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message; fails the test if the server closes instead.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        var (message, closed) = await ReceiveMessageOrCloseAsync(timeout ?? DefaultTimeout);
        if (closed)
            Assert.Fail($"Expected a message but the server closed with {(int?)Socket.CloseStatus} '{Socket.CloseStatusDescription}'.");
        return message;
    }

    /// <summary>Reads until the server closes (collecting what came before), answers the close, and returns the code and reason.</summary>
    public async Task<(int Code, string Reason, List<JsonElement> Before)> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        var before = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                Assert.Fail("The server did not close the connection in time.");
            var (message, closed) = await ReceiveMessageOrCloseAsync(remaining);
            if (closed)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                return ((int)Socket.CloseStatus!.Value, Socket.CloseStatusDescription ?? "", before);
            }
            before.Add(message);
        }
    }

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(JsonElement Message, bool Closed)> ReceiveMessageOrCloseAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return (default, true);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return (JsonDocument.Parse(message.ToArray()).RootElement, false);
        }
    }
}
