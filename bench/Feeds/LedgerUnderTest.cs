using System.Net;
using System.Net.Sockets;
using Ddl.Grains.Feeds;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Bench.Feeds;

/// <summary>
/// The ledger host exactly as <c>dotnet run --project src/Silo</c> builds it, started in this
/// process on free ports with a throwaway data folder (SQLite, or PostgreSQL when given).
/// </summary>
public sealed class LedgerUnderTest : IAsyncDisposable
{
    private readonly WebApplication app;

    private LedgerUnderTest(WebApplication app, string dataDir, Uri graphql)
    {
        this.app = app;
        DataDir = dataDir;
        WebSocket = new UriBuilder(graphql) { Scheme = "ws" }.Uri;
    }

    public string DataDir { get; }

    public Uri WebSocket { get; }

    public IServiceProvider Services => app.Services;

    public GenesisFiles Genesis => app.Services.GetRequiredService<GenesisFiles>();

    public SiloFeedHub Hub => app.Services.GetRequiredService<SiloFeedHub>();

    public static async Task<LedgerUnderTest> StartAsync(string? postgres)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "ddl-bench-feeds-" + Guid.NewGuid().ToString("N"));
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data", dataDir,
            "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString(),
            // The benchmark's own output is what matters; the host's request logs would cost CPU and drown it.
            "--Logging:LogLevel:Default", "Warning",
        };
        if (postgres is not null)
        {
            args.AddRange(["--postgres", postgres, "--cluster-id", "bench-" + Guid.NewGuid().ToString("N")[..8]]);
        }

        var app = await DdlHost.BuildAsync([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LedgerUnderTest(app, dataDir, new Uri(address.TrimEnd('/') + "/graphql"));
    }

    /// <summary>A development bearer token, as <c>ddl token</c> mints it from the data folder's key.</summary>
    public string Token(string subject, string role)
    {
        var key = new SymmetricSecurityKey(Base64Url.Decode(File.ReadAllText(Path.Combine(DataDir, "keys", "dev-token.key")).Trim()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ddl-dev",
            Audience = "ddl",
            Expires = DateTime.UtcNow.AddHours(2),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task WaitForFeedsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Hub.FeedCount != count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Hub.FeedCount} feeds set up, expected {count}.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
