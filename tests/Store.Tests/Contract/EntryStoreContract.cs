using Ddl.Store;
using Ddl.Store.Tests.Support;
using Xunit;

namespace Ddl.Store.Tests.Contract;

/// <summary>
/// The behaviour every engine must have. Each engine's test class derives from this and says
/// only where its database is; the tests isolate themselves with fresh chain ids, never by
/// wiping, so they can share a database with other test runs.
/// </summary>
public abstract partial class EntryStoreContract : IAsyncLifetime
{
    private readonly List<IEntryStore> _opened = [];
    private IEntryStore? _store;

    /// <summary>The shared, already migrated database of this test class.</summary>
    protected abstract ITestDatabase Database { get; }

    /// <summary>An empty database nobody has migrated yet; the test disposes it.</summary>
    protected abstract Task<ITestDatabase> CreateFreshDatabaseAsync();

    /// <summary>The engine name the store must report.</summary>
    protected abstract string ExpectedEngine { get; }

    /// <summary>A store on the shared database, disposed after the test.</summary>
    protected IEntryStore Store => _store ??= Open();

    /// <summary>Another store on the shared database, as a second silo would have.</summary>
    protected IEntryStore Open() => Track(Database.OpenStore());

    protected IEntryStore Track(IEntryStore store)
    {
        _opened.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
            await store.DisposeAsync();
    }

    protected static StoredEntry Appended(AppendOutcome outcome) =>
        Assert.IsType<AppendOutcome.Appended>(outcome).Entry;

    [Fact]
    public void store_reports_its_engine() => Assert.Equal(ExpectedEngine, Store.Engine);
}
