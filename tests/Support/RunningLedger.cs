using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Tests.Support;

/// <summary>
/// The real ledger process as a user starts it (the same host builder as <c>Program.cs</c>), on
/// free ports on 127.0.0.1, with a data folder of the test's own (deleted with the ledger, unless
/// the test gave it).
/// </summary>
public sealed class RunningLedger : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TestDataDir? ownDataDir;

    private RunningLedger(WebApplication app, string dataDir, TestDataDir? ownDataDir, Uri graphql)
    {
        this.app = app;
        this.ownDataDir = ownDataDir;
        DataDir = dataDir;
        GraphQL = graphql;
    }

    public string DataDir { get; }

    public Uri GraphQL { get; }

    public IServiceProvider Services => app.Services;

    public HttpClient Http { get; } = new();

    /// <summary>
    /// Starts a ledger; <paramref name="postgres"/> switches its store from SQLite to PostgreSQL, and
    /// <paramref name="settings"/> are more configuration switches (e.g. <c>--Ddl:SealInterval 00:00:01</c>).
    /// </summary>
    public static async Task<RunningLedger> StartAsync(string? dataDir = null, string? postgres = null, params string[] settings)
    {
        var ownDataDir = dataDir is null ? new TestDataDir() : null;
        dataDir ??= ownDataDir!.Path;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data", dataDir,
            "--silo-port", FreePorts.Next().ToString(), "--gateway-port", FreePorts.Next().ToString(),
        };
        if (postgres is not null)
        {
            args.AddRange(["--postgres", postgres]);
        }
        args.AddRange(settings);

        try
        {
            var app = await DdlHost.BuildAsync([.. args]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RunningLedger(app, dataDir, ownDataDir, new Uri(address.TrimEnd('/') + "/graphql"));
        }
        catch
        {
            ownDataDir?.Dispose(); // a ledger that did not start leaves no folder behind either
            throw;
        }
    }

    /// <summary>A development bearer token from this ledger's data folder, as <c>ddl token</c> mints it.</summary>
    public string Token(string subject, string role)
    {
        var key = new SymmetricSecurityKey(Base64Url.Decode(File.ReadAllText(Path.Combine(DataDir, "keys", "dev-token.key")).Trim()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ddl-dev",
            Audience = "ddl",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>POSTs a GraphQL request (with a bearer token when given) and returns the whole response body.</summary>
    public async Task<JsonObject> PostAsync(string query, JsonObject? variables = null, string? token = null, string? operationName = null)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables ?? new JsonObject() };
        if (operationName is not null)
        {
            body["operationName"] = operationName;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQL) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>POSTs as <paramref name="subject"/> with <paramref name="role"/>.</summary>
    public Task<JsonObject> PostAsAsync(string subject, string role, string query, JsonObject? variables = null) =>
        PostAsync(query, variables, Token(subject, role));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        ownDataDir?.Dispose();
    }
}
