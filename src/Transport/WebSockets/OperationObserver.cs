using GraphQL;

namespace Ddl.Transport.WebSockets;

/// <summary>
/// Forwards a subscription's event stream to the client: each result as <c>next</c>; an error as a
/// <c>next</c> carrying it, then <c>complete</c> (what graphql-dotnet's server does); the end as <c>complete</c>.
/// Every call only writes to the connection's bounded buffer, so the event source is never blocked.
/// </summary>
internal sealed class OperationObserver(GraphQLWsConnection connection, Operation operation) : IObserver<ExecutionResult>
{
    public void OnNext(ExecutionResult value) => connection.SendNext(operation, value);

    public void OnError(Exception error)
    {
        // Only ExecutionError messages are meant for clients; anything else is masked.
        var exposed = error as ExecutionError ?? new ExecutionError("The event stream failed.");
        connection.SendNext(operation, new ExecutionResult { Errors = [exposed] });
        connection.Complete(operation);
    }

    public void OnCompleted() => connection.Complete(operation);
}
