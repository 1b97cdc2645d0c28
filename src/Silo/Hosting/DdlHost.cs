using Ddl.Api;
using Ddl.Api.Auth;
using Ddl.Api.Fhir;
using Ddl.Fhir;
using Ddl.Fhir.Rest;
using Ddl.Grains;
using Ddl.Grains.Reports;
using Ddl.Silo.Configuration;
using Ddl.Silo.Genesis;
using Ddl.Silo.Health;
using Ddl.Silo.Telemetry;

namespace Ddl.Silo.Hosting;

/// <summary>
/// Builds the one process that is both an Orleans silo and the GraphQL server. Public so that the
/// end-to-end tests start exactly what a user runs.
/// </summary>
public static class DdlHost
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        // The SQLite store commits (with fsync) synchronously on pool threads; on a 2-core machine
        // the default minimum of 2 lets a burst of commits starve the pool and stall every feed.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddDdlSettings(args);
        var options = builder.Configuration.GetDdlOptions();
        builder.UseDefaultUrlUnlessGiven();
        builder.UseQuietFrameworkLogs();

        Directory.CreateDirectory(options.FullDataDir);
        var genesis = GenesisFiles.LoadOrCreate(options.FullDataDir);
        var store = await StoreSetup.OpenAndMigrateAsync(options);

        builder.Services.AddLedgerCore(builder.Configuration, options, genesis, store);
        builder.Services.AddLedgerDomain(builder.Configuration);
        builder.Services.AddLedgerReports(builder.Configuration);
        builder.UseLedgerSilo(options, store);
        builder.Services.AddLedgerHealth();
        builder.AddLedgerTelemetry();
        builder.Services.AddLedgerAuthentication(builder.Configuration, options.FullDataDir);
        builder.Services.AddLedgerGraphQL();
        builder.Services.AddLedgerFhir(genesis.KeysDir, GenesisFiles.AuthorityId, genesis.Authority).AddLedgerFhirPolicy();

        var app = builder.Build();
        app.UseWebSockets();
        app.UseLedgerWebPages();
        app.UseAuthentication();
        app.MapLedgerGraphQL();
        app.MapLedgerFhir();
        app.MapLedgerHealth();
        app.MapLedgerMetrics();
        app.MapLedgerDashboard(options);
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, options, genesis));
        return app;
    }
}
