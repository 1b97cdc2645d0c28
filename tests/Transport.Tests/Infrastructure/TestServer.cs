using System.Security.Claims;
using System.Text.Json;
using Ddl.Transport.Tests.Schema;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ddl.Transport.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a random port serving the test schema through the transport.
/// A stand-in for the host's authentication middleware turns an <c>X-Test-User</c> header into
/// <c>HttpContext.User</c>, because the transport only ever reads the user the host established.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";
    public const string TagHeader = "X-Tag";

    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri GraphQLUri => new(BaseAddress, "/graphql");

    public Uri WebSocketUri => new UriBuilder(GraphQLUri) { Scheme = "ws" }.Uri;

    public EventHub Events => _app.Services.GetRequiredService<EventHub>();

    public static async Task<TestServer> StartAsync(Action<GraphQLHttpOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddGraphQL(b => b
            .AddSchema<TestSchema>()
            .AddSystemTextJson()
            .AddValidationRule<ForbiddenFieldRule>());

        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Use(StandInAuthentication);
        app.MapGraphQLHttp("/graphql", options =>
        {
            options.ConfigureExecution = (context, execution) =>
            {
                if (context.Request.Headers[TagHeader] is [{ } tag])
                    execution.UserContext["tag"] = tag;
                return Task.CompletedTask;
            };
            options.WebSockets.AuthenticateConnection = AuthenticateConnection;
            configure?.Invoke(options);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestServer(app, new Uri(address));
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task StandInAuthentication(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers[UserHeader] is [{ } name])
            context.User = Principal(name);
        return next(context);
    }

    /// <summary>
    /// The test host's connection_init policy: <c>{"token":"reject"}</c> is refused, <c>{"token":"throw"}</c>
    /// fails, <c>{"user":"name"}</c> becomes that user, and anything else keeps the upgrade request's user.
    /// </summary>
    private static Task<ClaimsPrincipal?> AuthenticateConnection(HttpContext context, JsonElement? payload)
    {
        if (payload is { } p && p.TryGetProperty("token", out var token))
        {
            if (token.GetString() == "reject")
                return Task.FromResult<ClaimsPrincipal?>(null);
            if (token.GetString() == "throw")
                throw new InvalidOperationException("The token service is down.");
        }
        if (payload is { } q && q.TryGetProperty("user", out var user))
            return Task.FromResult<ClaimsPrincipal?>(Principal(user.GetString()!));
        return Task.FromResult<ClaimsPrincipal?>(context.User);
    }

    private static ClaimsPrincipal Principal(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], authenticationType: "test"));
}
