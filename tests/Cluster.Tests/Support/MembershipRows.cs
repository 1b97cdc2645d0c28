using Npgsql;
using Orleans.Runtime;

namespace Ddl.Cluster.Tests.Support;

/// <summary>One row of the project's membership table, read back with plain SQL.</summary>
public sealed record MemberRow(string Address, int Port, int Generation, string SiloName, int Status, int ProxyPort, string? SuspectTimes)
{
    public const int Active = 3;
    public const int Dead = 6;

    public bool Is(SiloAddress silo) =>
        Address == silo.Endpoint.Address.ToString() && Port == silo.Endpoint.Port && Generation == silo.Generation;

    public override string ToString() => $"{SiloName} {Address}:{Port}@{Generation} status {Status}";
}

public static class MembershipRows
{
    public static async Task<IReadOnlyList<MemberRow>> ReadAsync(NpgsqlDataSource dataSource, string clusterId)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT address, port, generation, silo_name, status, proxy_port, suspect_times
              FROM orleans_membership WHERE deployment_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MemberRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MemberRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return rows;
    }

    public static async Task<int> VersionAsync(NpgsqlDataSource dataSource, string clusterId)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM orleans_membership_version WHERE deployment_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        return (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No version row for {clusterId}."));
    }

    public static async Task<MemberRow?> FindAsync(NpgsqlDataSource dataSource, string clusterId, SiloAddress silo) =>
        (await ReadAsync(dataSource, clusterId)).SingleOrDefault(r => r.Is(silo));
}
