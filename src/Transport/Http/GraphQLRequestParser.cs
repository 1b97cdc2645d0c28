using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;

namespace Ddl.Transport.Http;

/// <summary>
/// Turns a POST body or a GET query string into a <see cref="GraphQLRequest"/>, checking parameter types
/// ourselves: the spec says a request with a wrongly typed parameter is not a well-formed GraphQL-over-HTTP
/// request and gets 400, and only explicit checks can tell "variables: []" from "variables: {}".
/// </summary>
internal static class GraphQLRequestParser
{
    public readonly record struct Result(GraphQLRequest? Request, string? Error);

    private static Result Fail(string error) => new(null, error);

    public static Result ParseJsonBody(ReadOnlyMemory<byte> body, IGraphQLSerializer serializer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Fail("The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => FromJsonObject(root, serializer),
                JsonValueKind.Array => Fail("Batched requests are not supported; send one operation per request."),
                _ => Fail("The request body must be a JSON object."),
            };
        }
    }

    public static Result ParseQueryString(IQueryCollection query, IGraphQLSerializer serializer)
    {
        if (!TrySingle(query, "query", out var text, out var error)
            || !TrySingle(query, "operationName", out var operationName, out error)
            || !TrySingle(query, "documentId", out var documentId, out error)
            || !TrySingle(query, "variables", out var variablesJson, out error)
            || !TrySingle(query, "extensions", out var extensionsJson, out error))
        {
            return Fail(error!);
        }

        if (!TryParseMapParameter("variables", variablesJson, serializer, out var variables, out error)
            || !TryParseMapParameter("extensions", extensionsJson, serializer, out var extensions, out error))
        {
            return Fail(error!);
        }

        return Build(text, operationName, documentId, variables, extensions);
    }

    private static Result FromJsonObject(JsonElement root, IGraphQLSerializer serializer)
    {
        if (!TryString(root, "query", out var text, out var error)
            || !TryString(root, "operationName", out var operationName, out error)
            || !TryString(root, "documentId", out var documentId, out error)
            || !TryMap(root, "variables", serializer, out var variables, out error)
            || !TryMap(root, "extensions", serializer, out var extensions, out error))
        {
            return Fail(error!);
        }

        return Build(text, operationName, documentId, variables, extensions);
    }

    private static Result Build(string? text, string? operationName, string? documentId, Inputs? variables, Inputs? extensions)
    {
        // A query is required unless the host serves persisted documents (graphql-dotnet's documentId).
        if (text is null && string.IsNullOrEmpty(documentId))
            return Fail("The 'query' parameter is required.");

        return new Result(new GraphQLRequest
        {
            Query = text,
            // The spec makes an empty operationName the same as none.
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            DocumentId = string.IsNullOrEmpty(documentId) ? null : documentId,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    private static bool TryString(JsonElement root, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"The '{name}' parameter must be a string.";
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static bool TryMap(JsonElement root, string name, IGraphQLSerializer serializer, out Inputs? value, out string? error)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            value = null;
            error = null;
            return true;
        }
        return TryMapValue(element, name, serializer, out value, out error);
    }

    private static bool TryMapValue(JsonElement element, string name, IGraphQLSerializer serializer, out Inputs? value, out string? error)
    {
        value = null;
        error = null;
        if (element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"The '{name}' parameter must be a JSON object (map).";
            return false;
        }
        value = serializer.ReadNode<Inputs>(element);
        return true;
    }

    private static bool TrySingle(IQueryCollection query, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
            return true;
        if (values.Count > 1)
        {
            error = $"The '{name}' parameter was given more than once.";
            return false;
        }
        value = values[0];
        return true;
    }

    private static bool TryParseMapParameter(string name, string? json, IGraphQLSerializer serializer, out Inputs? value, out string? error)
    {
        value = null;
        error = null;
        if (json is null)
            return true;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            error = $"The '{name}' parameter must be a JSON-encoded object.";
            return false;
        }
        using (document)
            return TryMapValue(document.RootElement, name, serializer, out value, out error);
    }
}
