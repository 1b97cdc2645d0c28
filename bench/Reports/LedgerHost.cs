using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Bench.Reports;

/// <summary>
/// The ledger host exactly as <c>dotnet run --project src/Silo</c> builds it, on the benchmark's
/// database and genesis, on free ports; asked over HTTP like any client. The notary's seal
/// interval is set to a day: the generated ledger's entries are unsealed, and sealing millions of
/// them while measuring reports would measure the notary (issue 4 has its own benchmark).
/// </summary>
public sealed class LedgerHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(5) };

    private LedgerHost(WebApplication app, string dataDir, Uri graphql)
    {
        this.app = app;
        DataDir = dataDir;
        GraphQL = graphql;
    }

    public string DataDir { get; }

    public Uri GraphQL { get; }

    public static async Task<LedgerHost> StartAsync(string dataDir, string postgres)
    {
        var app = await DdlHost.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0", "--data", dataDir, "--postgres", postgres,
            "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString(), "--cluster-id", "bench-reports-" + Guid.NewGuid().ToString("N")[..8],
            "--Ddl:SealInterval", "1.00:00:00", "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LedgerHost(app, dataDir, new Uri(address.TrimEnd('/') + "/graphql"));
    }

    /// <summary>A development bearer token, as <c>ddl token</c> mints it from the data folder's key.</summary>
    public string Token(string subject, string role)
    {
        var key = new SymmetricSecurityKey(Base64Url.Decode(File.ReadAllText(Path.Combine(DataDir, "keys", "dev-token.key")).Trim()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ddl-dev", Audience = "ddl", Expires = DateTime.UtcNow.AddHours(4),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>POSTs one GraphQL request and returns its <c>data</c>; any error fails the benchmark.</summary>
    public async Task<JsonNode> QueryAsync(string query, JsonObject variables, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQL)
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!.AsObject();
        if (body["errors"] is not null || body["data"] is null)
        {
            throw new InvalidOperationException($"GraphQL answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        }

        return body["data"]!;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
