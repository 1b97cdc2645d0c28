using Ddl.Transport.Execution;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Transport.WebSockets;

/// <summary>Running operations: execute, then stream events or send one result, then finish.</summary>
internal sealed partial class GraphQLWsConnection
{
    private async Task ExecuteAsync(Operation operation, GraphQLRequest request)
    {
        await Task.Yield(); // off the read loop: pings and completes keep flowing while this runs
        try
        {
            // A scope per operation, alive until the operation finishes (for a subscription, until its stream
            // ends). Per-event resolvers that need scoped services of their own should register graphql-dotnet's
            // ScopedSubscriptionExecutionStrategy (GraphQL.MicrosoftDI), which opens a scope for each event.
            await using var scope = _http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var services = scope.ServiceProvider;
            var executionOptions = GraphQLServices.CreateOptions(request, services, _user, operation.Cancellation);
            if (_options.ConfigureExecution is { } configure)
                await configure(_http, executionOptions);

            var result = await GraphQLServices.Executer(services).ExecuteAsync(executionOptions);
            if (result.Streams is { Count: 1 } streams)
            {
                operation.Attach(streams.Values.First().Subscribe(new OperationObserver(this, operation)));
                await operation.Finished;
            }
            else if (result.Executed)
            {
                SendNext(operation, result);
                Complete(operation);
            }
            else
            {
                // Errors before execution (syntax, validation, variables): one error message, no complete.
                Finish(operation, OutgoingMessage.Error(operation.Id, result.Errors ?? []));
            }
        }
        catch (OperationCanceledException) when (operation.Cancellation.IsCancellationRequested)
        {
            // Completed by the client, or the connection is closing.
        }
        catch (Exception e)
        {
            TransportLog.OperationFailed(_logger, operation.Id, e);
            RequestClose(GraphQLWebSocketCloseCodes.InternalServerError, "Internal server error");
        }
        finally
        {
            operation.TryFinish();
            _operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
            operation.Dispose();
        }
    }

    public void SendNext(Operation operation, ExecutionResult result) =>
        operation.SendIfActive(() => Send(OutgoingMessage.Next(operation.Id, result)));

    public void Complete(Operation operation) => Finish(operation, OutgoingMessage.Complete(operation.Id));

    private void Finish(Operation operation, OutgoingMessage last)
    {
        // The last message is queued before the id is released, so a new subscribe reusing the id cannot
        // have its messages overtaken by this one.
        if (operation.TryFinish(() => Send(last)))
            _operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
    }

    private void FinishAllOperations()
    {
        foreach (var operation in _operations.Values)
            operation.TryFinish();
    }
}
