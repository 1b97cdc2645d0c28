using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ddl.Bench.Chaos;

/// <summary>What one GraphQL call came to: data, or the error code a client would switch on.</summary>
public sealed record GqlResult(JsonNode? Data, string? Code, string? Message)
{
    public bool Ok => Code is null;
}

/// <summary>
/// GraphQL over HTTP to one silo. Transport failures (refused connection, reset, timeout) are
/// reported as the code <see cref="Transport"/> rather than thrown, so a writer can treat them
/// like the ledger's own retryable codes.
/// </summary>
public sealed class Gql(HttpClient http, Uri endpoint)
{
    public const string Transport = "TRANSPORT";

    /// <summary>The codes a writer may retry: the node or database is failing over, or the chain moved on.</summary>
    public static readonly IReadOnlySet<string> Retryable = new HashSet<string> { "UNAVAILABLE", "CHAIN_CONFLICT", Transport };

    public Uri Endpoint => endpoint;

    public async Task<GqlResult> PostAsync(string query, JsonObject variables, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        string text;
        try
        {
            using var response = await http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new GqlResult(null, Transport, e.GetType().Name + ": " + e.Message);
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(text)!.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
            // A proxy or a dying Kestrel may answer with something that is not GraphQL at all.
            return new GqlResult(null, Transport, "not a GraphQL response: " + text[..Math.Min(200, text.Length)]);
        }

        if (body["errors"] is JsonArray { Count: > 0 } errors)
        {
            var first = errors[0]!;
            return new GqlResult(body["data"], first["extensions"]?["code"]?.GetValue<string>() ?? "NO_CODE",
                first["message"]?.GetValue<string>());
        }

        return new GqlResult(body["data"], null, null);
    }
}
