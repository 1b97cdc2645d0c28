using Microsoft.Extensions.Logging;

namespace Ddl.Transport;

/// <summary>The transport's log messages, source-generated.</summary>
internal static partial class TransportLog
{
    public const string Category = "Ddl.Transport.GraphQL";

    [LoggerMessage(1, LogLevel.Debug, "Closing GraphQL WebSocket with {Code}: {Reason}")]
    public static partial void ClosingConnection(ILogger logger, int code, string reason);

    [LoggerMessage(2, LogLevel.Warning, "GraphQL WebSocket client is not reading: {Capacity} messages are waiting; closing it as a slow consumer")]
    public static partial void SlowConsumer(ILogger logger, int capacity);

    [LoggerMessage(3, LogLevel.Error, "GraphQL WebSocket operation {Id} failed")]
    public static partial void OperationFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "GraphQL WebSocket connection_init handler failed")]
    public static partial void ConnectionInitFailed(ILogger logger, Exception exception);
}
