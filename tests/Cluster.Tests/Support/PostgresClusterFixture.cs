using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace Ddl.Cluster.Tests.Support;

/// <summary>
/// One in-process cluster per test class, on its own schema and ClusterId/ServiceId, so classes
/// never see each other's rows. Silos talk over the harness's in-memory transport, but every
/// membership, reminder and storage operation goes through Orleans' ADO.NET providers to
/// PostgreSQL. The harness client finds its gateways through the same ADO.NET clustering.
/// </summary>
public class PostgresClusterFixture : IAsyncLifetime
{
    private ClusterDatabase? _database;
    private InProcessTestCluster? _cluster;

    public string ClusterId { get; } = $"ddl-test-{Guid.NewGuid():N}";

    public string ServiceId { get; } = $"ddl-svc-{Guid.NewGuid():N}";

    public SeveredSilos Severed { get; } = new();

    public ClusterDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _database = await ClusterDatabase.CreateAsync();
        var dataSource = _database.DataSource;

        // In 10.4.2 InProcessTestClusterOptions.UseTestClusterMembership is internal, and the
        // builder sets it (with the in-process grain directory) to true. Options made here keep
        // both false: silos then use nothing but the clustering configured below, and the
        // default distributed grain directory, as a real deployment does.
        var options = new InProcessTestClusterOptions
        {
            ClusterId = ClusterId,
            ServiceId = ServiceId,
            InitialSilosCount = 3,
            InitializeClientOnDeploy = true,
            ConfigureFileLogging = false,
        };
        options.SiloHostConfigurationDelegates.Add((siloOptions, host) =>
            host.UseOrleans(silo => TestSiloSetup.Configure(silo, dataSource, Severed)));
        options.ClientHostConfigurationDelegates.Add(host => host.UseOrleansClient(client => client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = TestSiloSetup.Invariant;
                o.DataSource = dataSource;
            })
            // A dead gateway is dropped on the first failed connection; new ones come with the
            // next table read, every second here instead of every minute.
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10))));

        _cluster = new InProcessTestCluster(options, new TestClusterPortAllocator());
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// Crashes a silo: cut off from the membership table, then stopped without grace. It writes
    /// nothing more and, once stopped, answers no probe: the others must declare it dead.
    /// </summary>
    public async Task CrashAsync(InProcessSiloHandle silo)
    {
        Severed.Sever(silo.SiloAddress);
        // On the way down the silo retries writing "Stopping" then "Dead" to the table, each for
        // MaxJoinAttemptTime (5 min by default, cut to 1 min by a shutdown timer), all the while
        // answering probes. A crashed process does neither: let those retries give up at once.
        silo.SiloHost.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.MaxJoinAttemptTime = TimeSpan.FromMilliseconds(1);
        await Cluster.KillSiloAsync(silo);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
