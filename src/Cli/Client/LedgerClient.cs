using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ddl.Cli.Client;

/// <summary>A small GraphQL-over-HTTP client for the ledger's public API.</summary>
public sealed class LedgerClient(Uri endpoint, string? token = null) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Runs a GraphQL operation; throws <see cref="LedgerClientException"/> carrying the first error's code.</summary>
    public async Task<JsonObject> ExecuteAsync(string query, JsonObject? variables = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables ?? new JsonObject() }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new LedgerClientException("HTTP_" + (int)response.StatusCode, $"The server answered {(int)response.StatusCode} without a GraphQL response: {Truncate(text)}");
        }

        if (body["errors"] is JsonArray { Count: > 0 } errors)
        {
            var first = errors[0]!;
            var code = first["extensions"]?["code"]?.GetValue<string>() ?? "ERROR";
            throw new LedgerClientException(code, first["message"]?.GetValue<string>() ?? "(no message)");
        }

        return body["data"] as JsonObject ?? throw new LedgerClientException("NO_DATA", "The server returned no data.");
    }

    public void Dispose() => http.Dispose();

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";
}

public sealed class LedgerClientException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
