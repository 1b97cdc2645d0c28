using Ddl.Grains.Chains;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Scheduling;
using Ddl.Store;
using Ddl.Store.Reports.Alerts;
using Ddl.Store.Schedule;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Grains;

public static class DomainServices
{
    /// <summary>
    /// The domain's rules as configuration (controlled-drug schedules, claim timeout) and the
    /// scheduler that runs the work the ledger owes itself (expiries, links). Needs an
    /// <see cref="IEntryStore"/>, the ledger's trust and a clock registered beside it.
    /// </summary>
    public static IServiceCollection AddLedgerDomain(this IServiceCollection services, IConfiguration configuration)
    {
        var rules = new ControlledDrugRules();
        configuration.GetSection(ControlledDrugRules.Section).Bind(rules);
        var schedule = new ScheduleOptions();
        configuration.GetSection(ScheduleOptions.Section).Bind(schedule);
        var alerts = new AlertDefinitions();
        configuration.GetSection(AlertDefinitions.Section).Bind(alerts);
        services.AddSingleton(alerts);
        services.AddSingleton(rules);
        services.AddSingleton(schedule);
        services.AddSingleton(sp => ScheduleStores.For(sp.GetRequiredService<IEntryStore>()));
        services.AddSingleton<Institutions.KeyLeases>();
        services.AddSingleton<EntryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<EntryWriter>());
        services.AddSingleton<SchedulePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulePoller>());
        return services;
    }
}
