using Ddl.Silo.Configuration;
using Ddl.Silo.Genesis;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ddl.Silo.Hosting;

public static class StartupBanner
{
    public static void Print(WebApplication app, DdlOptions options, GenesisFiles genesis)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var store = options.StoreEngine == "sqlite" ? Path.Combine(options.FullDataDir, "ledger.db") : "PostgreSQL";
        Console.WriteLine($"""

            DDL ledger {genesis.Genesis.LedgerId} is running.
              GraphQL:   {string.Join(", ", addresses.Select(a => a.TrimEnd('/') + "/graphql"))}
              Entries:   {store}
              Genesis:   {Path.Combine(options.FullDataDir, "genesis.json")}{(genesis.Created ? " (created now)" : "")}
              Keys:      {genesis.KeysDir} (private: authority, notary, system; owner-only)

            """);
    }
}
