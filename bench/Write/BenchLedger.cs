using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Bench.Write;

/// <summary>
/// The real DDL process (<see cref="RunningLedger"/>: DdlHost, as `Program.cs` builds it) on a
/// PostgreSQL database of its own, in this process, with what the benchmarks need besides.
/// </summary>
public sealed class BenchLedger : IAsyncDisposable
{
    private readonly RunningLedger ledger;

    private BenchLedger(RunningLedger ledger, string connectionString)
    {
        this.ledger = ledger;
        ConnectionString = connectionString;
        Grains = ledger.Services.GetRequiredService<IGrainFactory>();
        Genesis = ledger.Services.GetRequiredService<GenesisFiles>();
    }

    public string ConnectionString { get; }
    public string DataDir => ledger.DataDir;
    public Uri GraphQL => ledger.GraphQL;
    public IGrainFactory Grains { get; }
    public GenesisFiles Genesis { get; }
    public IServiceProvider Services => ledger.Services;

    public static async Task<BenchLedger> StartAsync(string? connectionString = null)
    {
        connectionString ??= await Pg.CreateDatabaseAsync("ddl_bench");
        var dataDir = Path.Combine(Path.GetTempPath(), "ddl-bench-" + Guid.NewGuid().ToString("N"));
        return new BenchLedger(await RunningLedger.StartAsync(dataDir, connectionString, "--Logging:LogLevel:Default", "Warning"), connectionString);
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
    public string Token(string subject, string role) => ledger.Token(subject, role);

    public async ValueTask DisposeAsync()
    {
        await ledger.DisposeAsync();
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
