using System.Net;
using Ddl.Cluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Xunit;

namespace Ddl.Cluster.Tests.Membership;

/// <summary>
/// The membership SQL through Orleans' own AdoNetClusteringTable and AdoNetGatewayListProvider,
/// one fresh ClusterId per test: the exact version arithmetic and refusals that silos rely on
/// and that a live cluster would only show as flakiness.
/// </summary>
public sealed class MembershipTableContractTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly string _clusterId = $"contract-{Guid.NewGuid():N}";
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public async Task a_new_cluster_has_version_zero_and_no_members()
    {
        var table = await OpenAsync();

        var data = await table.ReadAllAsync();

        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task an_insert_moves_the_version_by_one_and_reads_back_verbatim()
    {
        var table = await OpenAsync();
        var entry = Entry(1, SiloStatus.Joining, proxyPort: 30001);

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        var (read, _) = Assert.Single(data.Members);
        AssertSame(entry, read);
        var row = await table.ReadRowAsync(entry.SiloAddress);
        AssertSame(entry, Assert.Single(row.Members).Item1);
        Assert.Equal(1, row.Version.Version);
    }

    [Fact]
    public async Task a_duplicate_or_stale_insert_is_refused_and_leaves_the_version_alone()
    {
        var table = await OpenAsync();
        var first = Entry(1, SiloStatus.Joining);
        var stale = (await table.ReadAllAsync()).Version.Next();
        Assert.True(await table.InsertRowAsync(first, stale));

        Assert.False(await table.InsertRowAsync(first, (await table.ReadAllAsync()).Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(2, SiloStatus.Joining), stale));

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task an_update_needs_the_current_version_and_a_known_silo()
    {
        var table = await OpenAsync();
        var entry = Entry(1, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var current = (await table.ReadAllAsync()).Version;
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(Silo(2), Now.AddSeconds(-3)), Tuple.Create(Silo(3), Now.AddSeconds(-1))];
        entry.IAmAliveTime = Now.AddSeconds(5);

        // Orleans sends the etag it read (TableVersion.Next keeps it, and 10.4.2 also wants it
        // as the row's etag); the table must still hold exactly that version.
        var staleEtag = (current.Version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await table.UpdateRowAsync(entry, staleEtag, new TableVersion(current.Version, staleEtag)), "a stale version");
        Assert.False(await table.UpdateRowAsync(Entry(9, SiloStatus.Active), current.VersionEtag, current.Next()), "an unknown silo");
        Assert.Equal(current.Version, (await table.ReadAllAsync()).Version.Version);
        Assert.True(await table.UpdateRowAsync(entry, current.VersionEtag, current.Next()));

        var data = await table.ReadAllAsync();
        Assert.Equal(current.Version + 1, data.Version.Version);
        AssertSame(entry, Assert.Single(data.Members).Item1);
    }

    [Fact]
    public async Task of_twenty_parallel_inserts_of_one_silo_exactly_one_wins()
    {
        var table = await OpenAsync();
        var version = (await table.ReadAllAsync()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await table.InsertRowAsync(Entry(1, SiloStatus.Joining), version);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                return false; // a lost race may surface as an error; it must never be a second win
            }
        })));

        Assert.Single(results, won => won);
        Assert.Equal(1, (await table.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task i_am_alive_moves_only_the_heartbeat()
    {
        var table = await OpenAsync();
        var entry = Entry(1, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        entry.IAmAliveTime = Now.AddMinutes(1);
        await table.UpdateIAmAliveAsync(entry);

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(Millis(entry.IAmAliveTime), Millis(Assert.Single(data.Members).Item1.IAmAliveTime));
    }

    [Fact]
    public async Task gateways_are_the_active_silos_that_have_a_gateway_port()
    {
        var table = await OpenAsync();
        await InsertAllAsync(table,
            Entry(1, SiloStatus.Active, proxyPort: 30001),
            Entry(2, SiloStatus.Active, proxyPort: 0),
            Entry(3, SiloStatus.Joining, proxyPort: 30003),
            Entry(4, SiloStatus.Dead, proxyPort: 30004));
        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance, new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = TestSiloSetup.Invariant, DataSource = fixture.Database.DataSource }),
            Options.Create(new GatewayOptions()), Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "contract" }));
        await provider.InitializeGatewayListProvider();

        var gateways = await provider.GetGateways();

        var gateway = Assert.Single(gateways);
        Assert.Equal(30001, gateway.Port);
    }

    [Fact]
    public async Task cleanup_deletes_only_long_dead_silos()
    {
        var table = await OpenAsync();
        var old = Now.AddDays(-10);
        await InsertAllAsync(table,
            Entry(1, SiloStatus.Dead, at: old),
            Entry(2, SiloStatus.Active, at: old),
            Entry(3, SiloStatus.Joining, at: old),
            Entry(4, SiloStatus.Dead));

        await table.CleanupDefunctSiloEntriesAsync(Now.AddDays(-7));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new[] { Silo(2), Silo(3), Silo(4) }.ToHashSet(), left);
    }

    [Fact]
    public async Task the_required_cleanup_query_deletes_every_old_silo_that_is_not_active()
    {
        // 10.4.2 prefers the optional per-row CleanupDefunctSiloEntryKey; the required key is what
        // an Orleans without it runs, so it is run here as Orleans would: the stored text, bound.
        var table = await OpenAsync();
        var old = Now.AddDays(-10);
        await InsertAllAsync(table,
            Entry(1, SiloStatus.Dead, at: old),
            Entry(2, SiloStatus.Active, at: old),
            Entry(3, SiloStatus.Joining, at: old),
            Entry(4, SiloStatus.ShuttingDown, at: old),
            Entry(5, SiloStatus.Dead));

        await using (var command = fixture.Database.DataSource.CreateCommand(await StoredQueryAsync("CleanupDefunctSiloEntriesKey")))
        {
            command.Parameters.AddWithValue("DeploymentId", _clusterId);
            command.Parameters.AddWithValue("IAmAliveTime", Now.AddDays(-7));
            await command.ExecuteNonQueryAsync();
        }

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new[] { Silo(2), Silo(5) }.ToHashSet(), left);
    }

    [Fact]
    public async Task deleting_the_cluster_removes_its_rows_and_a_new_start_begins_at_zero()
    {
        var table = await OpenAsync();
        await InsertAllAsync(table, Entry(1, SiloStatus.Active), Entry(2, SiloStatus.Active));

        await table.DeleteMembershipTableEntriesAsync(_clusterId);
        await table.InitializeMembershipTableAsync(true);

        var data = await table.ReadAllAsync();
        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task times_round_trip_in_utc_whatever_the_session_time_zone()
    {
        var newYork = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Timezone = "America/New_York" };
        await using var dataSource = NpgsqlDataSource.Create(newYork.ConnectionString);
        var table = await OpenAsync(dataSource);
        var entry = Entry(1, SiloStatus.Active);

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var readInUtc = await (await OpenAsync()).ReadAllAsync();
        AssertSame(entry, Assert.Single(readInUtc.Members).Item1);
    }

    private async Task<string> StoredQueryAsync(string key)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{key} is not stored."));
    }

    private async Task<AdoNetClusteringTable> OpenAsync(NpgsqlDataSource? dataSource = null)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "contract" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = TestSiloSetup.Invariant, DataSource = dataSource ?? fixture.Database.DataSource }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true);
        return table;
    }

    private static async Task InsertAllAsync(AdoNetClusteringTable table, params MembershipEntry[] entries)
    {
        foreach (var entry in entries)
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
    }

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + n), 1000 + n);

    private static MembershipEntry Entry(int n, SiloStatus status, int proxyPort = 30000, DateTime? at = null) => new()
    {
        SiloAddress = Silo(n),
        Status = status,
        ProxyPort = proxyPort,
        SiloName = $"silo-{n}",
        HostName = "host",
        StartTime = at ?? Now,
        IAmAliveTime = at ?? Now,
    };

    private static long Millis(DateTime time) => time.Ticks / TimeSpan.TicksPerMillisecond;

    private static void AssertSame(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(Millis(expected.StartTime), Millis(actual.StartTime));
        Assert.Equal(Millis(expected.IAmAliveTime), Millis(actual.IAmAliveTime));
        Assert.Equal(DateTimeKind.Utc, actual.IAmAliveTime.Kind);
        Assert.Equal(
            expected.SuspectTimes?.Select(s => $"{s.Item1}@{Millis(s.Item2)}") ?? [],
            actual.SuspectTimes?.Select(s => $"{s.Item1}@{Millis(s.Item2)}") ?? []);
    }
}
