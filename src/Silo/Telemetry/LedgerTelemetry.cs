using Ddl.Grains.Chains;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ddl.Silo.Telemetry;

/// <summary>
/// Operations: OpenTelemetry metrics in the Prometheus text format at <c>/metrics</c> (the ledger's
/// own meter, Orleans' meter with its grain activation counts, ASP.NET Core and the .NET runtime),
/// and, behind <c>Ddl:LogFormat=json</c> (<c>DDL_LOG_FORMAT=json</c>), one JSON object per log line.
/// </summary>
public static class LedgerTelemetry
{
    /// <summary>The meters exported: ours, Orleans' (activations, messaging, membership), the web server's and the runtime's.</summary>
    public static readonly string[] Meters =
        [EntryWriter.MeterName, LedgerGauges.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "System.Runtime"];

    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration["Ddl:SiloName"] ?? Environment.MachineName;
        builder.Services.AddSingleton<LedgerGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerGauges>());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ddl-silo", serviceInstanceId: silo))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());

        if (IsJson(builder.Configuration))
        {
            // A log collector parses these; the plain console format stays the default for people.
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = true;
            });
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapLedgerMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary><c>Ddl:LogFormat</c>, or <c>DDL_LOG_FORMAT</c> as the other DDL settings are given in the environment.</summary>
    public static bool IsJson(IConfiguration configuration) =>
        string.Equals(configuration["Ddl:LogFormat"] ?? configuration["DDL_LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase);
}
