using Npgsql;
using Orleans.Configuration;

namespace Ddl.Silo.Cluster;

/// <summary>
/// Cluster mode: Orleans' ADO.NET providers for membership, reminders and grain state, all on the
/// project's own PostgreSQL schema (src/Store/Migrations/Postgres/0002_orleans.sql, applied by the
/// store's migrator before the silo starts).
/// </summary>
public static class PostgresClustering
{
    /// <summary>Orleans loads Npgsql's factory by this name (its default would be SQL Server).</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The grain storage name for [PersistentState(..., "ddl")]; it is also the default storage.</summary>
    public const string StorageName = "ddl";

    /// <summary>
    /// Wires the three providers to one shared pool. Orleans does not own or dispose the data
    /// source: the entry store that made it does, after the host has stopped.
    /// </summary>
    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo, NpgsqlDataSource dataSource)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        silo.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
        });
        return silo;
    }
}
