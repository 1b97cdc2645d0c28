using Ddl.Ledger;
using GraphQL;
using GraphQL.Execution;

namespace Ddl.Api.Errors;

/// <summary>
/// The one place where exceptions become error codes a client can switch on. Refusals
/// (<see cref="LedgerException"/>) keep their code and message; transient faults become
/// <c>UNAVAILABLE</c> (retry); anything else is masked as <c>INTERNAL_ERROR</c> and logged.
/// </summary>
public static class ErrorMapping
{
    public const string Unavailable = "UNAVAILABLE";
    public const string Internal = "INTERNAL_ERROR";

    public static (string Code, string Message) Describe(Exception exception) => exception switch
    {
        LedgerException refusal => (refusal.Code, refusal.Message),
        TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException =>
            (Unavailable, "The ledger is briefly unavailable (a node is failing over); retry the request."),
        Npgsql.NpgsqlException { IsTransient: true } =>
            (Unavailable, "The ledger's database is briefly unavailable; retry the request."),
        _ => (Internal, "The ledger failed to process the request; it has been logged."),
    };

    /// <summary>Plugged into graphql-dotnet's <see cref="ExecutionOptions.UnhandledExceptionDelegate"/>.</summary>
    public static Task Handle(UnhandledExceptionContext context)
    {
        var (code, message) = Describe(context.OriginalException);
        context.Exception = new ExecutionError(message) { Code = code };
        return Task.CompletedTask;
    }
}
