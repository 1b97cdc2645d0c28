using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace Ddl.Api.Schema;

/// <summary>
/// Parsed and validated documents by query text. Clients send the same few operations over and
/// over with different variables (a submission is a variable), so parsing and validating the text
/// again for each request is wasted work. A document is kept only after it passed the whole
/// validation once; a hit still runs the rules that depend on the request rather than on the text
/// (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>: the transport's GET/POST rule),
/// and variables are still coerced per request. Authorization is not a validation rule here (the
/// resolvers check the caller), so a hit skips no access check. (GraphQL.MemoryCache, which ships
/// this, is not on the registry this project restores from.)
/// </summary>
public sealed class ParsedDocumentCache : IConfigureExecution
{
    /// <summary>Distinct documents kept; past that the cache starts over (clients use a handful).</summary>
    public const int MaxDocuments = 1000;

    /// <summary>Longer query texts are not kept, so the cache stays small whatever clients send.</summary>
    public const int MaxQueryChars = 16 * 1024;

    private readonly ConcurrentDictionary<string, GraphQLDocument> documents = new(StringComparer.Ordinal);

    // After the options are configured (AddComplexityAnalyzer, error settings), before execution.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.DocumentId is not null || options.Query is not { Length: <= MaxQueryChars } query)
        {
            return await next(options);
        }

        if (documents.TryGetValue(query, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } parsed)
        {
            if (documents.Count >= MaxDocuments)
            {
                documents.Clear();
            }

            documents.TryAdd(query, parsed);
        }

        return result;
    }
}
