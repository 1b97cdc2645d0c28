using GraphQL.Execution;

namespace Ddl.Transport.Http;

/// <summary>
/// A request refused by the transport before GraphQL saw it (bad JSON, wrong parameter types, wrong media
/// type, too large). Written as a GraphQL response with only <c>errors</c>, so clients parse one shape.
/// </summary>
internal sealed class HttpRequestError : RequestError
{
    public HttpRequestError(string code, string message) : base(message)
    {
        Code = code;
    }

    public static HttpRequestError InvalidRequest(string message) => new("INVALID_REQUEST", message);
}
