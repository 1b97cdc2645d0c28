using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>
/// A real <see cref="ClientWebSocket"/> speaking graphql-transport-ws to a running ledger, one JSON
/// message at a time, as an independent client would. A background loop reads the socket (a
/// cancelled ClientWebSocket receive would abort the socket), so waiting for a message can time out
/// without harm.
/// </summary>
public sealed class FeedSocket : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Channel<JsonObject> inbox = Channel.CreateUnbounded<JsonObject>();
    private readonly Task reading;

    private FeedSocket(ClientWebSocket socket)
    {
        Socket = socket;
        reading = ReadLoopAsync();
    }

    public ClientWebSocket Socket { get; }

    /// <summary>Opens the socket (offering graphql-transport-ws) without initialising.</summary>
    public static async Task<FeedSocket> OpenAsync(Uri graphql)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(new UriBuilder(graphql) { Scheme = "ws" }.Uri, timeout.Token);
        return new FeedSocket(socket);
    }

    /// <summary>Opens, sends connection_init (with <c>{"token": …}</c> when given) and waits for the ack.</summary>
    public static async Task<FeedSocket> ConnectAsync(Uri graphql, string? token = null)
    {
        var socket = await OpenAsync(graphql);
        await socket.SendAsync(token is null
            ? new JsonObject { ["type"] = "connection_init" }
            : new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["token"] = token } });
        var ack = await socket.ReceiveAsync();
        Assert.Equal("connection_ack", ack["type"]!.GetValue<string>());
        return socket;
    }

    public Task SubscribeAsync(string id, string query, JsonObject? variables = null) =>
        SendAsync(new JsonObject
        {
            ["id"] = id, ["type"] = "subscribe",
            ["payload"] = new JsonObject { ["query"] = query, ["variables"] = variables ?? new JsonObject() },
        });

    public async Task SendAsync(JsonObject message)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The data of the next <c>next</c> message of subscription <paramref name="id"/>; fails on anything else.</summary>
    public async Task<JsonNode> NextAsync(string id, string field)
    {
        var message = await ReceiveAsync();
        Assert.True(message["type"]!.GetValue<string>() == "next" && message["id"]!.GetValue<string>() == id && message["payload"]!["errors"] is null,
            $"expected an event for {id}, got {message.ToJsonString()}");
        return message["payload"]!["data"]![field]!;
    }

    /// <summary>The next <paramref name="count"/> events of subscription <paramref name="id"/>.</summary>
    public async Task<List<JsonNode>> NextAsync(string id, string field, int count)
    {
        var events = new List<JsonNode>();
        while (events.Count < count)
        {
            events.Add(await NextAsync(id, field));
        }

        return events;
    }

    /// <summary>
    /// The code of the first error that ends subscription <paramref name="id"/>: an <c>error</c> message,
    /// or (a refusal while setting up the stream) a <c>next</c> carrying errors followed by <c>complete</c>.
    /// </summary>
    public async Task<string> ErrorCodeAsync(string id)
    {
        var message = await ReceiveAsync();
        Assert.True(message["id"]?.GetValue<string>() == id, message.ToJsonString());
        if (message["type"]!.GetValue<string>() == "error")
        {
            return message["payload"]![0]!["extensions"]!["code"]!.GetValue<string>();
        }

        Assert.Equal("next", message["type"]!.GetValue<string>());
        var complete = await ReceiveAsync();
        Assert.Equal(("complete", id), (complete["type"]!.GetValue<string>(), complete["id"]!.GetValue<string>()));
        return message["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
    }

    /// <summary>True when no message arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsQuietAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            await inbox.Reader.WaitToReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return true;
        }
    }

    public async Task<JsonObject> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await inbox.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"The server closed the socket ({(int?)Socket.CloseStatus} {Socket.CloseStatusDescription}) instead of sending a message.");
            throw;
        }
    }

    /// <summary>Waits until the server closes the socket and returns its close code.</summary>
    public async Task<int> CloseCodeAsync()
    {
        await reading.WaitAsync(Timeout);
        return (int?)Socket.CloseStatus ?? throw new InvalidOperationException("The socket ended without a close frame.");
    }

    /// <summary>Drops the connection without a closing handshake, as a lost network would.</summary>
    public void Kill() => Socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server went first; the socket is disposed below either way.
                Socket.Abort();
            }
        }

        try
        {
            await reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The server never answered our close: drop the connection.
            Socket.Abort();
        }

        Socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (Socket.State == WebSocketState.CloseReceived)
                    {
                        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    break;
                }

                text.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    inbox.Writer.TryWrite(JsonNode.Parse(text.ToArray())!.AsObject());
                    text.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Killed by the test, or the server dropped us: what was read stays in the inbox.
            inbox.Writer.TryComplete();
            return;
        }

        inbox.Writer.TryComplete();
    }
}
