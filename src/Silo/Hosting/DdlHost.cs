using Ddl.Api;
using Ddl.Api.Auth;
using Ddl.Grains;
using Ddl.Silo.Configuration;
using Ddl.Silo.Genesis;

namespace Ddl.Silo.Hosting;

/// <summary>
/// Builds the one process that is both an Orleans silo and the GraphQL server. Public so that the
/// end-to-end tests start exactly what a user runs.
/// </summary>
public static class DdlHost
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddDdlSettings(args);
        var options = builder.Configuration.GetDdlOptions();
        builder.UseDefaultUrlUnlessGiven();

        Directory.CreateDirectory(options.FullDataDir);
        var genesis = GenesisFiles.LoadOrCreate(options.FullDataDir);
        var store = await StoreSetup.OpenAndMigrateAsync(options);

        builder.Services.AddLedgerCore(options, genesis, store);
        builder.Services.AddLedgerDomain(builder.Configuration);
        builder.UseLedgerSilo(options);
        builder.Services.AddLedgerAuthentication(builder.Configuration, options.FullDataDir);
        builder.Services.AddLedgerGraphQL();

        var app = builder.Build();
        app.UseWebSockets();
        app.UseAuthentication();
        app.MapLedgerGraphQL();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, options, genesis));
        return app;
    }
}
