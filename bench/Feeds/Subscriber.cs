using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Ddl.Bench.Feeds;

/// <summary>
/// One graphql-transport-ws client: connects with a token, subscribes, and notes the Stopwatch time
/// at which each event's (chain, seq) arrived. It reads as fast as it can: the measurement is of
/// the server, not of a slow client.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly List<(string Chain, long Seq, long Ticks)> arrivals = new(capacity: 1 << 16);
    private readonly string field;
    private Task? reading;

    private Subscriber(string field) => this.field = field;

    public IReadOnlyList<(string Chain, long Seq, long Ticks)> Arrivals => arrivals;

    /// <summary>Why the server ended the subscription or the socket, if it did.</summary>
    public string? Ended { get; private set; }

    public static async Task<Subscriber> StartAsync(Uri webSocket, string token, string field, string query)
    {
        var subscriber = new Subscriber(field);
        subscriber.socket.Options.AddSubProtocol("graphql-transport-ws");
        await subscriber.socket.ConnectAsync(webSocket, CancellationToken.None);
        await subscriber.SendAsync(new { type = "connection_init", payload = new { token } });
        var ack = await subscriber.ReceiveAsync();
        if (!ack.Contains("connection_ack", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("No connection_ack: " + ack);
        }

        await subscriber.SendAsync(new { id = "1", type = "subscribe", payload = new { query } });
        subscriber.reading = subscriber.ReadAsync();
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        if (reading is not null)
        {
            await reading.WaitAsync(TimeSpan.FromSeconds(5));
        }

        socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            }
            catch (WebSocketException e)
            {
                Ended = e.Message;
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                Ended = socket.CloseStatus == WebSocketCloseStatus.NormalClosure ? null : $"{(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var ticks = Stopwatch.GetTimestamp();
            Record(message.GetBuffer().AsSpan(0, (int)message.Length), ticks);
            message.SetLength(0);
        }
    }

    private void Record(ReadOnlySpan<byte> json, long ticks)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.GetProperty("type").GetString() != "next")
        {
            Ended = root.GetRawText();
            return;
        }

        var payload = root.GetProperty("payload");
        if (payload.TryGetProperty("errors", out var errors))
        {
            Ended = errors.GetRawText();
            return;
        }

        var e = payload.GetProperty("data").GetProperty(field);
        arrivals.Add((e.GetProperty("chain").GetString()!, e.GetProperty("seq").GetInt64(), ticks));
    }

    private Task SendAsync(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
