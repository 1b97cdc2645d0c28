using Xunit;

namespace Ddl.Cluster.Tests.Support;

/// <summary>A migrated schema of its own for a test class that drives a provider directly.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private ClusterDatabase? _database;

    public ClusterDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync() => _database = await ClusterDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
