using Orleans.Runtime;

namespace Ddl.Cluster.Tests.Support;

/// <summary>
/// Orleans' real ADO.NET membership table, with a switch that cuts one silo off from it.
/// Why: the test harness "kills" an in-process silo by stopping its host with a cancelled token,
/// and on that path the silo still writes its own row as Dead on the way out. A crashed process
/// writes nothing; cutting its table first makes the others find out the hard way (missed probes,
/// votes in the table), which is what the tests must prove.
/// </summary>
public sealed class SeverableMembershipTable(SiloAddress silo, IMembershipTable inner, SeveredSilos severed) : IMembershipTable
{
    private Task Guard() => severed.IsSevered(silo)
        ? Task.FromException(new OrleansException($"Silo {silo} is crashed: its membership table is cut off."))
        : Task.CompletedTask;

    private async Task<T> Guarded<T>(Func<Task<T>> call)
    {
        await Guard();
        return await call();
    }

    private async Task Guarded(Func<Task> call)
    {
        await Guard();
        await call();
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion);
    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken));

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId);
    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken));

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate);
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken));

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key);
    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.ReadRowAsync(key, cancellationToken));

    public Task<MembershipTableData> ReadAll() => ReadAllAsync();
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        Guarded(() => inner.ReadAllAsync(cancellationToken));

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion);
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.InsertRowAsync(entry, tableVersion, cancellationToken));

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion);
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.UpdateRowAsync(entry, etag, tableVersion, cancellationToken));

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry);
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.UpdateIAmAliveAsync(entry, cancellationToken));
}
