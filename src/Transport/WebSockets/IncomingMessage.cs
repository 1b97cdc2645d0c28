using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace Ddl.Transport.WebSockets;

/// <summary>
/// A validated client-to-server graphql-transport-ws message. Anything that fails validation closes the
/// socket with 4400 and the reason given here, as the protocol asks.
/// </summary>
internal sealed record IncomingMessage(string Type, string? Id, JsonElement? Payload, GraphQLRequest? Request)
{
    public static bool TryParse(ReadOnlyMemory<byte> utf8, IGraphQLSerializer serializer, out IncomingMessage? message, out string reason)
    {
        message = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            reason = "Invalid message received: not JSON";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Invalid("Invalid message received: not a JSON object", out reason);
            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                return Invalid("Invalid message received: missing 'type'", out reason);

            var type = typeElement.GetString()!;
            switch (type)
            {
                case MessageTypes.ConnectionInit:
                case MessageTypes.Ping:
                case MessageTypes.Pong:
                    if (!TryOptionalObject(root, out var payload))
                        return Invalid($"Invalid message received: '{type}' payload must be an object", out reason);
                    message = new IncomingMessage(type, null, payload?.Clone(), null);
                    break;

                case MessageTypes.Complete:
                    if (!TryId(root, out var completeId))
                        return Invalid("Invalid message received: 'complete' needs a non-blank 'id'", out reason);
                    message = new IncomingMessage(type, completeId, null, null);
                    break;

                case MessageTypes.Subscribe:
                    if (!TryId(root, out var id))
                        return Invalid("Invalid message received: 'subscribe' needs a non-blank 'id'", out reason);
                    if (!TrySubscribePayload(root, serializer, out var request, out var payloadError))
                        return Invalid($"Invalid message received: {payloadError}", out reason);
                    message = new IncomingMessage(type, id, null, request);
                    break;

                default:
                    return Invalid($"Invalid message received: unknown type '{type}'", out reason);
            }
        }

        reason = "";
        return true;
    }

    private static bool Invalid(string text, out string reason)
    {
        reason = text;
        return false;
    }

    private static bool TryId(JsonElement root, out string id)
    {
        id = "";
        if (!root.TryGetProperty("id", out var element) || element.ValueKind != JsonValueKind.String)
            return false;
        id = element.GetString()!;
        return !string.IsNullOrWhiteSpace(id);
    }

    private static bool TryOptionalObject(JsonElement root, out JsonElement? payload)
    {
        payload = null;
        if (!root.TryGetProperty("payload", out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        payload = element;
        return element.ValueKind == JsonValueKind.Object;
    }

    private static bool TrySubscribePayload(JsonElement root, IGraphQLSerializer serializer, out GraphQLRequest? request, out string error)
    {
        request = null;
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            return Invalid("'subscribe' payload must be an object", out error);

        string? query = null, operationName = null, documentId = null;
        Inputs? variables = null, extensions = null;
        if (!TryString(payload, "query", ref query) || !TryString(payload, "operationName", ref operationName)
            || !TryString(payload, "documentId", ref documentId))
        {
            return Invalid("'query', 'operationName' and 'documentId' must be strings", out error);
        }
        if (!TryMap(payload, "variables", serializer, ref variables) || !TryMap(payload, "extensions", serializer, ref extensions))
            return Invalid("'variables' and 'extensions' must be objects", out error);
        if (query is null && string.IsNullOrEmpty(documentId))
            return Invalid("'subscribe' payload needs a 'query'", out error);

        request = new GraphQLRequest
        {
            Query = query,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            DocumentId = string.IsNullOrEmpty(documentId) ? null : documentId,
            Variables = variables,
            Extensions = extensions,
        };
        error = "";
        return true;
    }

    private static bool TryString(JsonElement parent, string name, ref string? value)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind != JsonValueKind.String)
            return false;
        value = element.GetString();
        return true;
    }

    private static bool TryMap(JsonElement parent, string name, IGraphQLSerializer serializer, ref Inputs? value)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind != JsonValueKind.Object)
            return false;
        value = serializer.ReadNode<Inputs>(element);
        return true;
    }
}
