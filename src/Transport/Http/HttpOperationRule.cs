using Ddl.Transport.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Ddl.Transport.Http;

/// <summary>
/// Validation rule for what HTTP itself forbids: mutations over GET (a safe method must not change state;
/// the spec requires 405) and subscriptions over any HTTP method (they are served on the WebSocket).
/// It runs as a validation rule because graphql-dotnet only picks the operation (from the document and
/// operationName) inside the executer, and a validation error stops execution before anything runs.
/// Its verdict is the operation's type against the method, so a document cache may replay it.
/// </summary>
internal sealed class HttpOperationRule : ValidationRuleBase, IReplayableValidationRule
{
    public static readonly HttpOperationRule ForGet = new(isGet: true);
    public static readonly HttpOperationRule ForPost = new(isGet: false);

    private readonly bool _isGet;

    private HttpOperationRule(bool isGet) => _isGet = isGet;

    public string ReplayKey => _isGet ? "http-get" : "http-post";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation.Operation == OperationType.Subscription)
            context.ReportError(new SubscriptionOverHttpError(context, operation));
        else if (_isGet && operation.Operation == OperationType.Mutation)
            context.ReportError(new MutationOverGetError(context, operation));
        return default;
    }
}

/// <summary>A mutation sent with GET; answered with 405 and <c>Allow: POST</c>.</summary>
internal sealed class MutationOverGetError : ValidationError
{
    public MutationOverGetError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, "http-get", "Mutations cannot be sent with GET; use POST.", operation)
    {
        Code = "MUTATION_OVER_GET";
    }
}

/// <summary>A subscription sent over HTTP; it belongs on the WebSocket at the same URL.</summary>
internal sealed class SubscriptionOverHttpError : ValidationError
{
    public SubscriptionOverHttpError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, "http-subscription",
            "Subscriptions are not served over HTTP; open a WebSocket to this URL with the graphql-transport-ws sub-protocol.",
            operation)
    {
        Code = "SUBSCRIPTION_OVER_HTTP";
    }
}
