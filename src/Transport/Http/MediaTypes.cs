using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Ddl.Transport.Http;

/// <summary>The media type a response is written in; it decides which status code rules apply.</summary>
internal enum ResponseMediaType
{
    /// <summary><c>application/graphql-response+json</c>: request errors get 4xx.</summary>
    GraphQLResponseJson,

    /// <summary><c>application/json</c>: legacy clients; any well-formed request gets 200.</summary>
    Json,
}

/// <summary>Content negotiation for GraphQL over HTTP: which response type to use, which request type to take.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static string ContentTypeOf(ResponseMediaType type) => type switch
    {
        ResponseMediaType.GraphQLResponseJson => GraphQLResponseJson + "; charset=utf-8",
        _ => Json + "; charset=utf-8",
    };

    /// <summary>
    /// Picks the response media type from the Accept header, or null when nothing acceptable is listed (406).
    /// No Accept header, <c>*/*</c> and <c>application/*</c> mean <c>application/graphql-response+json</c>, as
    /// the spec asks of servers since its 2025-01-01 watershed. Among acceptable entries the highest q wins;
    /// on equal q the one listed first wins (the client's own order of preference). An entry naming a charset
    /// other than UTF-8 is not acceptable, since UTF-8 is all we write.
    /// </summary>
    public static ResponseMediaType? SelectResponseType(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || accept.All(string.IsNullOrWhiteSpace))
            return ResponseMediaType.GraphQLResponseJson;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
            return null;

        // An explicit q=0 rules a type out even when a wildcard would otherwise cover it.
        var excluded = new HashSet<ResponseMediaType>();
        foreach (var range in ranges)
        {
            if (range.Quality is 0 && Exact(range) is { } type)
                excluded.Add(type);
        }

        ResponseMediaType? best = null;
        var bestQuality = 0.0;
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1.0;
            if (quality <= 0 || quality <= bestQuality || !IsUtf8(range.Charset))
                continue;
            var candidate = Exact(range) ?? Wildcard(range, excluded);
            if (candidate is null || excluded.Contains(candidate.Value))
                continue;
            best = candidate;
            bestQuality = quality;
        }
        return best;
    }

    /// <summary>True for <c>application/json</c> with no charset or a UTF-8 one: the only request body we take.</summary>
    public static bool IsSupportedRequestType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && IsUtf8(parsed.Charset);

    private static ResponseMediaType? Exact(MediaTypeHeaderValue range)
    {
        if (range.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            return ResponseMediaType.GraphQLResponseJson;
        if (range.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
            return ResponseMediaType.Json;
        return null;
    }

    private static ResponseMediaType? Wildcard(MediaTypeHeaderValue range, HashSet<ResponseMediaType> excluded)
    {
        var coversApplication = range.MatchesAllTypes
            || (range.MatchesAllSubTypes && range.Type.Equals("application", StringComparison.OrdinalIgnoreCase));
        if (!coversApplication)
            return null;
        if (!excluded.Contains(ResponseMediaType.GraphQLResponseJson))
            return ResponseMediaType.GraphQLResponseJson;
        return excluded.Contains(ResponseMediaType.Json) ? null : ResponseMediaType.Json;
    }

    private static bool IsUtf8(StringSegment charset)
    {
        if (!charset.HasValue || charset.Length == 0)
            return true;
        var value = HeaderUtilities.RemoveQuotes(charset);
        return value.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || value.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
