using System.Collections.Concurrent;
using Ddl.Transport.Execution;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Ddl.Api.Schema;

/// <summary>
/// Parsed and validated documents by query text. Clients send the same few operations over and
/// over with different variables (a submission is a variable), so parsing and validating the text
/// again for each request is wasted work. A document is kept only after it passed the whole
/// validation once, and variables are still coerced per request. The rules that depend on the
/// request rather than on the text (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>:
/// the transport's GET/POST rule) still run on a hit, unless each of them is an
/// <see cref="IReplayableValidationRule"/>: then the document is kept per operation name and rule
/// keys, and a hit under the same ones replays the verdict it already passed, with no walk of the
/// document at all. Authorization is not a validation rule here (the resolvers check the caller),
/// so a hit skips no access check. (GraphQL.MemoryCache, which ships a document cache, is not on
/// the registry this project restores from.)
/// </summary>
public sealed class ParsedDocumentCache : IConfigureExecution
{
    /// <summary>Distinct documents kept; past that the cache starts over (clients use a handful).</summary>
    public const int MaxDocuments = 1000;

    /// <summary>Longer query texts are not kept, so the cache stays small whatever clients send.</summary>
    public const int MaxQueryChars = 16 * 1024;

    private readonly ConcurrentDictionary<Key, GraphQLDocument> documents = new();

    // After the options are configured (AddComplexityAnalyzer, error settings), before execution.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.DocumentId is not null || options.Query is not { Length: <= MaxQueryChars } query)
        {
            return await next(options);
        }

        var replay = ReplayKeys(options.CachedDocumentValidationRules);
        var key = new Key(query, replay is null ? null : options.OperationName, replay);
        if (documents.TryGetValue(key, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = replay is null ? options.CachedDocumentValidationRules ?? [] : [];
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } parsed)
        {
            if (documents.Count >= MaxDocuments)
            {
                documents.Clear();
            }

            documents.TryAdd(key, parsed);
        }

        return result;
    }

    /// <summary>The rules' replay keys, or null when one of them must run on every request.</summary>
    private static string? ReplayKeys(IEnumerable<IValidationRule>? rules)
    {
        if (rules is null)
        {
            return "";
        }

        string? keys = null;
        foreach (var rule in rules)
        {
            if (rule is not IReplayableValidationRule replayable)
            {
                return null;
            }

            keys = keys is null ? replayable.ReplayKey : keys + " " + replayable.ReplayKey;
        }

        return keys ?? "";
    }

    /// <summary>
    /// Without replay keys, a document is kept by its text alone; with them, by text, operation
    /// name and keys, since the verdict it passed was for that operation under those rules.
    /// </summary>
    private readonly record struct Key(string Query, string? OperationName, string? Replay);
}
