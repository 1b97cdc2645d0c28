using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Silo.Hosting;
using Ddl.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Bench.Write;

/// <summary>The real DDL process (DdlHost, as `Program.cs` builds it) on a database of its own, in this process.</summary>
public sealed class BenchLedger : IAsyncDisposable
{
    private readonly WebApplication app;

    private BenchLedger(WebApplication app, string connectionString, string dataDir, Uri graphql)
    {
        this.app = app;
        ConnectionString = connectionString;
        DataDir = dataDir;
        GraphQL = graphql;
        Grains = app.Services.GetRequiredService<IGrainFactory>();
        Genesis = app.Services.GetRequiredService<GenesisFiles>();
    }

    public string ConnectionString { get; }
    public string DataDir { get; }
    public Uri GraphQL { get; }
    public IGrainFactory Grains { get; }
    public GenesisFiles Genesis { get; }
    public IServiceProvider Services => app.Services;

    public static async Task<BenchLedger> StartAsync(string? connectionString = null)
    {
        connectionString ??= await Pg.CreateDatabaseAsync("ddl_bench");
        var dataDir = Path.Combine(Path.GetTempPath(), "ddl-bench-" + Guid.NewGuid().ToString("N"));
        var app = await DdlHost.BuildAsync([
            "--urls", "http://127.0.0.1:0", "--data", dataDir, "--postgres", connectionString,
            "--silo-port", FreePorts.Next().ToString(), "--gateway-port", FreePorts.Next().ToString(),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchLedger(app, connectionString, dataDir, new Uri(address.TrimEnd('/') + "/graphql"));
    }

    /// <summary>Registers a new institution (signed by the genesis authority) and returns it with its key.</summary>
    public async Task<(string Id, SigningKey Key)> RegisterInstitutionAsync(string kind = "medical_centre")
    {
        var id = $"institution:bench-{Guid.NewGuid():N}"[..32];
        var key = SigningKey.Generate("k1");
        var registration = TestLedger.Sign(Genesis.Authority, GenesisFiles.AuthorityId, id, "institution.registered", new JsonObject
        {
            ["kind"] = kind, ["name"] = "Bench " + id, ["region"] = "north",
            ["keys"] = new JsonArray(key.Public.ToJson()),
        });
        await Grains.GetChain(id).SubmitAsync(registration);
        return (id, key);
    }

    /// <summary>A development bearer token, as `ddl token` mints it.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Pre-signed load: client signing is the client's cost, never timed.</summary>
public static class Load
{
    private const string Note = "Patient reports mild nausea after the second dose; advised to take with food and to return if symptoms persist beyond a week.";

    public static string[] Chains(int count, string tag) =>
        Enumerable.Range(0, count).Select(i => $"patient:b{tag}-{i}").ToArray();

    /// <summary>entries submissions round-robin over the chains (entry i on chain i mod n), signed on every core.</summary>
    public static SignedSubmission[] Presign(string author, SigningKey key, IReadOnlyList<string> chains, int entries, string tag)
    {
        var signed = new SignedSubmission[entries];
        var at = DateTimeOffset.UtcNow;
        Parallel.For(0, entries, i =>
        {
            signed[i] = TestLedger.Sign(key, author, chains[i % chains.Count], "patient.note",
                new JsonObject { ["n"] = i, ["note"] = Note }, nonce: $"{tag}-{i}", at: at);
        });
        return signed;
    }
}
