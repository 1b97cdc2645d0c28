using Ddl.Transport.Execution;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;

namespace Ddl.Transport.Http;

/// <summary>
/// GraphQL over HTTP (graphql/graphql-over-http, the draft as checked by graphql-http's audit): GET and
/// POST on one URL, content negotiation, and the status codes of the response's media type.
/// </summary>
internal sealed class GraphQLHttpHandler(GraphQLHttpOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteTransportErrorAsync(context, StatusCodes.Status405MethodNotAllowed, ResponseMediaType.Json,
                new HttpRequestError("METHOD_NOT_ALLOWED", "GraphQL is served with GET (queries) and POST."));
            return;
        }

        if (MediaTypes.SelectResponseType(request.Headers.Accept) is not { } mediaType)
        {
            // Nothing the client accepts is something we can write; say so in plain JSON anyway.
            await WriteTransportErrorAsync(context, StatusCodes.Status406NotAcceptable, ResponseMediaType.Json,
                new HttpRequestError("NOT_ACCEPTABLE", $"Accept must allow {MediaTypes.GraphQLResponseJson} or {MediaTypes.Json}."));
            return;
        }

        var serializer = GraphQLServices.Serializer(context.RequestServices);
        GraphQLRequestParser.Result parsed;
        if (isGet)
        {
            if (options.RequirePreflightHeaderOnGet && string.IsNullOrWhiteSpace(request.Headers["GraphQL-Require-Preflight"]))
            {
                await WriteTransportErrorAsync(context, StatusCodes.Status400BadRequest, mediaType,
                    HttpRequestError.InvalidRequest("GET requests must carry a GraphQL-Require-Preflight header."));
                return;
            }
            parsed = GraphQLRequestParser.ParseQueryString(request.Query, serializer);
        }
        else
        {
            if (!MediaTypes.IsSupportedRequestType(request.ContentType))
            {
                await WriteTransportErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, mediaType,
                    new HttpRequestError("UNSUPPORTED_MEDIA_TYPE", $"POST bodies must be {MediaTypes.Json} (UTF-8)."));
                return;
            }
            var body = await RequestBody.ReadAsync(request, options.MaxBodyBytes, context.RequestAborted);
            if (body is null)
            {
                await WriteTransportErrorAsync(context, StatusCodes.Status413PayloadTooLarge, mediaType,
                    new HttpRequestError("PAYLOAD_TOO_LARGE", $"The request body exceeds {options.MaxBodyBytes} bytes."));
                return;
            }
            parsed = GraphQLRequestParser.ParseJsonBody(body.Value, serializer);
        }

        if (parsed.Request is not { } graphQLRequest)
        {
            // Not a well-formed GraphQL-over-HTTP request: 400 whichever media type is used.
            await WriteTransportErrorAsync(context, StatusCodes.Status400BadRequest, mediaType, HttpRequestError.InvalidRequest(parsed.Error!));
            return;
        }

        await ExecuteAsync(context, graphQLRequest, isGet, mediaType, serializer);
    }

    private async Task ExecuteAsync(HttpContext context, GraphQLRequest request, bool isGet, ResponseMediaType mediaType, IGraphQLSerializer serializer)
    {
        var executionOptions = GraphQLServices.CreateOptions(request, context.RequestServices, context.User, context.RequestAborted);
        var rule = isGet ? HttpOperationRule.ForGet : HttpOperationRule.ForPost;
        // DI-registered rules (AddValidationRule) are appended to these inside the executer.
        executionOptions.ValidationRules = DocumentValidator.CoreRules.Append(rule);
        executionOptions.CachedDocumentValidationRules = [rule];
        if (options.ConfigureExecution is { } configure)
            await configure(context, executionOptions);

        ExecutionResult result;
        try
        {
            result = await GraphQLServices.Executer(context.RequestServices).ExecuteAsync(executionOptions);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client has gone; nobody is left to answer
        }

        if (result.Streams is { Count: > 0 })
        {
            // Only reachable if a host hook replaced the validation rules: never hand out an event stream over HTTP.
            result = new ExecutionResult { Errors = [HttpRequestError.InvalidRequest("Subscriptions are not served over HTTP; use the WebSocket.")] };
        }

        var status = HttpStatus.For(result, mediaType);
        if (status == StatusCodes.Status405MethodNotAllowed)
            context.Response.Headers.Allow = "POST";
        await WriteAsync(context, status, mediaType, result, serializer);
    }

    private static Task WriteTransportErrorAsync(HttpContext context, int status, ResponseMediaType mediaType, ExecutionError error) =>
        WriteAsync(context, status, mediaType, new ExecutionResult { Errors = [error] }, GraphQLServices.Serializer(context.RequestServices));

    private static async Task WriteAsync(HttpContext context, int status, ResponseMediaType mediaType, ExecutionResult result, IGraphQLSerializer serializer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaTypes.ContentTypeOf(mediaType);
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
