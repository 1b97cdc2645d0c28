using System.Diagnostics;
using Ddl.Cluster.Tests.Grains;
using Ddl.Cluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.TestingHost;
using Xunit;
using Xunit.Abstractions;

namespace Ddl.Cluster.Tests.Membership;

/// <summary>
/// Membership through Orleans' ADO.NET clustering on the project's SQL: the three initial silos
/// stay up for the whole class; tests that stop or crash a silo start an extra one to do it to.
/// </summary>
public sealed class MembershipTests(PostgresClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private InProcessTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task three_silos_form_a_cluster_with_an_active_row_each()
    {
        var initial = Cluster.Silos.Take(3).ToList();
        Assert.Equal(3, initial.Count);

        var rows = await MembershipRows.ReadAsync(fixture.Database.DataSource, fixture.ClusterId);
        foreach (var silo in initial)
        {
            var row = Assert.Single(rows, r => r.Is(silo.SiloAddress));
            Assert.Equal(MemberRow.Active, row.Status);
            Assert.Equal(silo.Name, row.SiloName);
            Assert.Equal(silo.GatewayAddress.Endpoint.Port, row.ProxyPort);
        }
        // Each silo's insert and each status change moved the version by one: at least
        // Joining and Active for each of the three.
        Assert.True(await MembershipRows.VersionAsync(fixture.Database.DataSource, fixture.ClusterId) >= 6);
    }

    [Fact]
    public async Task a_silo_stopped_gracefully_has_written_its_own_row_dead_when_the_stop_returns()
    {
        var extra = await StartExtraSiloAsync();

        await Cluster.StopSiloAsync(extra);

        // No waiting: a graceful stop writes Dead itself, it does not wait to be found out.
        var row = await MembershipRows.FindAsync(fixture.Database.DataSource, fixture.ClusterId, extra.SiloAddress);
        Assert.NotNull(row);
        Assert.Equal(MemberRow.Dead, row.Status);
        var rows = await MembershipRows.ReadAsync(fixture.Database.DataSource, fixture.ClusterId);
        foreach (var silo in Cluster.Silos.Take(3))
            Assert.Equal(MemberRow.Active, Assert.Single(rows, r => r.Is(silo.SiloAddress)).Status);
    }

    [Fact]
    public async Task a_crashed_silo_is_declared_dead_by_the_others_within_seconds()
    {
        var extra = await StartExtraSiloAsync();

        var clock = Stopwatch.StartNew();
        await fixture.CrashAsync(extra);
        var down = clock.Elapsed;

        var (row, _) = await Eventually.MatchAsync(
            () => MembershipRows.FindAsync(fixture.Database.DataSource, fixture.ClusterId, extra.SiloAddress),
            r => r?.Status == MemberRow.Dead, Patience, $"{extra.Name}'s row is Dead");
        output.WriteLine($"{extra.Name} was down {down.TotalSeconds:0.0} s and declared dead {clock.Elapsed.TotalSeconds:0.0} s after the crash began");

        // The votes of the silos that found it dead are in the row: it did not write that itself.
        Assert.False(string.IsNullOrWhiteSpace(row!.SuspectTimes));
        var voters = row.SuspectTimes!.Split('|').Select(vote => vote.Split(',')[0]).ToList();
        Assert.NotEmpty(voters);
        Assert.DoesNotContain(extra.SiloAddress.ToParsableString(), voters);
        // And the survivors carry on: a grain call goes through.
        await Cluster.Client.GetGrain<IProfileGrain>($"after-crash-{Guid.NewGuid():N}").ReadAsync();
    }

    [Fact]
    public async Task the_client_finds_every_active_silo_as_a_gateway_in_the_table()
    {
        var gatewayList = Cluster.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>();
        Assert.Equal("AdoNetGatewayListProvider", gatewayList.GetType().Name);

        var gateways = await gatewayList.GetGateways();

        var endpoints = gateways.Select(g => $"{g.Host}:{g.Port}").ToList();
        foreach (var silo in Cluster.Silos.Take(3))
            Assert.Contains(silo.GatewayAddress.Endpoint.ToString(), endpoints);
        var view = await Cluster.Client.GetGrain<IProfileGrain>($"via-gateway-{Guid.NewGuid():N}").ReadAsync();
        Assert.Contains(Cluster.Silos, s => s.SiloAddress.ToString() == view.Silo);
    }

    private async Task<InProcessSiloHandle> StartExtraSiloAsync()
    {
        var extra = await Cluster.StartAdditionalSiloAsync();
        await Eventually.MatchAsync(
            () => MembershipRows.FindAsync(fixture.Database.DataSource, fixture.ClusterId, extra.SiloAddress),
            r => r?.Status == MemberRow.Active, Patience, $"{extra.Name} is Active");
        return extra;
    }
}
