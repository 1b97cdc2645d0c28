using Microsoft.Extensions.Configuration;

namespace Ddl.Silo.Configuration;

/// <summary>
/// Maps the short switches and environment variables onto the <c>Ddl</c> section, so that
/// <c>--data ./x</c>, <c>DDL_DATA_DIR=./x</c> and <c>Ddl:DataDir</c> in appsettings all mean the same.
/// Command-line switches win over environment variables, which win over files.
/// </summary>
public static class DdlConfiguration
{
    private static readonly (string Switch, string Env, string Key)[] Settings =
    [
        ("--data", "DDL_DATA_DIR", "Ddl:DataDir"),
        ("--postgres", "DDL_POSTGRES", "Ddl:Postgres"),
        ("--silo-port", "DDL_SILO_PORT", "Ddl:SiloPort"),
        ("--gateway-port", "DDL_GATEWAY_PORT", "Ddl:GatewayPort"),
        ("--cluster-id", "DDL_CLUSTER_ID", "Ddl:ClusterId"),
        ("--service-id", "DDL_SERVICE_ID", "Ddl:ServiceId"),
        ("--advertise-ip", "DDL_ADVERTISE_IP", "Ddl:AdvertiseIp"),
        ("--silo-name", "DDL_SILO_NAME", "Ddl:SiloName"),
        ("--dashboard", "DDL_DASHBOARD", "Ddl:Dashboard"),
    ];

    public static void AddDdlSettings(this IConfigurationManager configuration, string[] args)
    {
        var fromEnvironment = Settings
            .Select(s => (s.Key, Value: Environment.GetEnvironmentVariable(s.Env)))
            .Where(s => !string.IsNullOrEmpty(s.Value))
            .ToDictionary(s => s.Key, s => s.Value);
        configuration.AddInMemoryCollection(fromEnvironment);
        configuration.AddCommandLine(args, Settings.ToDictionary(s => s.Switch, s => s.Key));
    }

    public static DdlOptions GetDdlOptions(this IConfiguration configuration) =>
        configuration.GetSection(DdlOptions.Section).Get<DdlOptions>() ?? new DdlOptions();
}
