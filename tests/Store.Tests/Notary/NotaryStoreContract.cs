using Ddl.Ledger;
using Ddl.Store.Notary;
using Ddl.Store.Tests.Support;
using Xunit;

namespace Ddl.Store.Tests.Notary;

/// <summary>
/// The notary storage every engine must provide. A seal takes everything waiting in the database,
/// so each test works on a fresh database of its own instead of the shared one.
/// </summary>
public abstract partial class NotaryStoreContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _stores = [];
    private readonly List<IAsyncDisposable> _databases = [];

    /// <summary>An empty database nobody has migrated yet.</summary>
    protected abstract Task<ITestDatabase> CreateFreshDatabaseAsync();

    protected SigningKey NotaryKey { get; } = SigningKey.Generate("notary-1");

    /// <summary>A migrated fresh database: its entry store and its notary store.</summary>
    protected async Task<Log> FreshLogAsync()
    {
        var database = await CreateFreshDatabaseAsync();
        _databases.Add(database);
        var entries = database.OpenStore();
        _stores.Add(entries);
        await entries.MigrateAsync();
        return new Log(database, entries, NotaryStores.For(entries));
    }

    /// <summary>Another pair of stores on the same database, as a second silo would have.</summary>
    protected Log Reopen(Log log)
    {
        var entries = log.Database.OpenStore();
        _stores.Add(entries);
        return new Log(log.Database, entries, NotaryStores.For(entries));
    }

    /// <summary>The notary's signer as the grain uses it, minus the clock floor.</summary>
    protected SignedCheckpoint Sign(CheckpointDraft draft)
    {
        var checkpoint = Checkpoint.Create("ddl-test", draft.Number, draft.Size, draft.Root, DateTimeOffset.UtcNow, NotaryKey.Id);
        return new SignedCheckpoint(checkpoint, checkpoint.Sign(NotaryKey));
    }

    protected static byte[] LeafHash(StoredEntry e) => Merkle.LeafHash(Merkle.LeafData(e.Chain, e.Hash, e.Seq));

    /// <summary>PROTOCOL.md 5: chain id by ordinal string order, then seq.</summary>
    protected static List<StoredEntry> InLogOrder(IEnumerable<StoredEntry> entries) =>
        entries.OrderBy(e => e.Chain, StringComparer.Ordinal).ThenBy(e => e.Seq).ToList();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
        foreach (var database in _databases)
            await database.DisposeAsync();
    }

    protected sealed record Log(ITestDatabase Database, IEntryStore Entries, INotaryStore Notary);
}
