using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Ddl.Transport.Http;

/// <summary>
/// The status code for an executed request, per the GraphQL-over-HTTP draft and graphql-http's audit.
/// </summary>
internal static class HttpStatus
{
    /// <remarks>
    /// <list type="bullet">
    /// <item>Executed (a data entry, even null, possibly with field errors): 200 for both media types. The newest
    /// draft's 294 for "data and errors" is not yet in the published drafts or the audit, so it is not used.</item>
    /// <item>A mutation over GET: 405 for both media types (the spec's MUST).</item>
    /// <item>application/json: 200 for any other GraphQL response, request errors included, since legacy clients
    /// cannot tell a 4xx from us from one made by a proxy.</item>
    /// <item>application/graphql-response+json: 400 when every error is a request error (syntax, validation,
    /// unknown or ambiguous operation, variable coercion): the draft text says 400 for all of these, not 422,
    /// and the audit (74FF, 86EE) checks 400. Anything else without data is our failure: 500.</item>
    /// </list>
    /// </remarks>
    public static int For(ExecutionResult result, ResponseMediaType mediaType)
    {
        if (result.Executed)
            return StatusCodes.Status200OK;
        var errors = result.Errors;
        if (errors is not null && errors.Any(e => e is MutationOverGetError))
            return StatusCodes.Status405MethodNotAllowed;
        if (mediaType == ResponseMediaType.Json)
            return StatusCodes.Status200OK;
        return errors is { Count: > 0 } && errors.All(IsRequestError)
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status500InternalServerError;
    }

    // graphql-dotnet splits request errors in two families: DocumentError (syntax, validation, operation
    // selection, variables) and RequestError (missing query, persisted-document lookups, ours).
    private static bool IsRequestError(ExecutionError error) => error is DocumentError or RequestError;
}
