using GraphQL.Validation;

namespace Ddl.Transport.Execution;

/// <summary>
/// A validation rule whose verdict depends only on the document, the operation the request names
/// and what <see cref="ReplayKey"/> stands for (the HTTP method, say), never on variables, the
/// caller or other request state. A document cache may therefore replay a verdict it has seen for
/// the same document, operation name and keys instead of walking the document again.
/// </summary>
public interface IReplayableValidationRule : IValidationRule
{
    /// <summary>Equal for two rules exactly when they give the same verdict on the same operation.</summary>
    string ReplayKey { get; }
}
