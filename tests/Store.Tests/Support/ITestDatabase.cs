using Ddl.Store;

namespace Ddl.Store.Tests.Support;

/// <summary>A database the contract tests run against: the shared one, or a fresh empty one.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    /// <summary>A new store instance on this database (another "process", as far as it knows).</summary>
    IEntryStore OpenStore();

    /// <summary>The versions in ddl_schema_migrations, ascending.</summary>
    Task<IReadOnlyList<int>> AppliedMigrationVersionsAsync();
}
