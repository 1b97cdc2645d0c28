using Ddl.Grains.Chains;
using Ddl.Store;
using Ddl.Store.Reports;
using Ddl.Store.Reports.Aggregates;
using Ddl.Store.Reports.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Grains.Reports;

public static class ReportServices
{
    /// <summary>The read model, its projector and the report readers, on the database of the registered <see cref="IEntryStore"/>.</summary>
    public static IServiceCollection AddLedgerReports(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReportOptions();
        configuration.GetSection(ReportOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => ReadModel.For(sp.GetRequiredService<IEntryStore>()));
        services.AddSingleton(sp => ReportReader.For(sp.GetRequiredService<IEntryStore>()));
        services.AddSingleton(sp => AggregateReader.For(sp.GetRequiredService<IEntryStore>()));
        services.AddSingleton(sp => PublicStatistics.For(sp.GetRequiredService<IEntryStore>()));
        services.AddSingleton(sp => AccessLog.For(sp.GetRequiredService<IEntryStore>()));
        services.AddSingleton<ReadModelProjector>();
        services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<ReadModelProjector>());
        services.AddHostedService(sp => sp.GetRequiredService<ReadModelProjector>());
        return services;
    }
}
