using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ddl.Transport.Tests.Infrastructure;

/// <summary>Small helpers to send GraphQL-over-HTTP requests exactly as a test wants them on the wire.</summary>
public static class GraphQLHttp
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string body, string? accept = null, string? contentType = Json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostQueryAsync(this HttpClient client, object request, string? accept = null) =>
        client.PostAsync(JsonSerializer.Serialize(request), accept);

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, IEnumerable<KeyValuePair<string, string>> parameters, string? accept = null, Action<HttpRequestMessage>? tweak = null)
    {
        var query = string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + query);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        tweak?.Invoke(request);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetQueryAsync(this HttpClient client, string query, string? accept = null) =>
        client.GetAsync([new("query", query)], accept);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static string? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public static string? Charset(this HttpResponseMessage response) => response.Content.Headers.ContentType?.CharSet;

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
