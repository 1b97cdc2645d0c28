using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ddl.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Tests.Support;

/// <summary>
/// The real ledger process as a user starts it (the same host builder as <c>Program.cs</c>), on
/// free ports on 127.0.0.1, with a data folder of the test's own.
/// </summary>
public sealed class RunningLedger : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningLedger(WebApplication app, string dataDir, Uri graphql)
    {
        this.app = app;
        DataDir = dataDir;
        GraphQL = graphql;
    }

    public string DataDir { get; }

    public Uri GraphQL { get; }

    public IServiceProvider Services => app.Services;

    public HttpClient Http { get; } = new();

    /// <summary>Starts a ledger; <paramref name="postgres"/> switches its store from SQLite to PostgreSQL.</summary>
    public static async Task<RunningLedger> StartAsync(string? dataDir = null, string? postgres = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "ddl-test-" + Guid.NewGuid().ToString("N"));
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data", dataDir,
            "--silo-port", FreePorts.Next().ToString(), "--gateway-port", FreePorts.Next().ToString(),
        };
        if (postgres is not null)
        {
            args.AddRange(["--postgres", postgres]);
        }

        var app = await DdlHost.BuildAsync([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningLedger(app, dataDir, new Uri(address.TrimEnd('/') + "/graphql"));
    }

    /// <summary>POSTs a GraphQL request and returns the whole response body.</summary>
    public async Task<JsonObject> PostAsync(string query, JsonObject? variables = null)
    {
        using var response = await Http.PostAsJsonAsync(GraphQL, new JsonObject { ["query"] = query, ["variables"] = variables ?? new JsonObject() });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
