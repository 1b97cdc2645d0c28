using System.Buffers;
using System.Text.Json;
using GraphQL;

namespace Ddl.Transport.WebSockets;

/// <summary>
/// A server-to-client message waiting in the connection's outgoing buffer. It holds the payload object, not
/// bytes: serialization happens on the writer loop, so an event source calling OnNext pays only for a
/// channel write.
/// </summary>
internal readonly record struct OutgoingMessage(string Type, string? Id = null, object? Payload = null)
{
    public static OutgoingMessage Next(string id, ExecutionResult result) => new(MessageTypes.Next, id, result);

    public static OutgoingMessage Error(string id, ExecutionErrors errors) => new(MessageTypes.Error, id, errors);

    public static OutgoingMessage Complete(string id) => new(MessageTypes.Complete, id);

    /// <summary>Writes <c>{"type","id"?,"payload"?}</c>. GraphQL payloads go through the host's GraphQL
    /// serializer, so error masking and naming match the HTTP responses exactly.</summary>
    public async ValueTask WriteToAsync(ArrayBufferWriter<byte> output, IGraphQLSerializer serializer, CancellationToken cancellation)
    {
        if (Payload is null or JsonElement)
        {
            WriteEnvelope(output, null);
            return;
        }
        // The GraphQL serializer only writes to streams; its output is valid JSON, so it is spliced in raw.
        using var payload = new MemoryStream();
        await serializer.WriteAsync(payload, Payload, cancellation);
        WriteEnvelope(output, payload);
    }

    private void WriteEnvelope(ArrayBufferWriter<byte> output, MemoryStream? serializedPayload)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type", Type);
        if (Id is not null)
            json.WriteString("id", Id);
        if (serializedPayload is not null)
        {
            json.WritePropertyName("payload");
            json.WriteRawValue(serializedPayload.GetBuffer().AsSpan(0, (int)serializedPayload.Length), skipInputValidation: true);
        }
        else if (Payload is JsonElement element)
        {
            json.WritePropertyName("payload");
            element.WriteTo(json);
        }
        json.WriteEndObject();
    }
}
