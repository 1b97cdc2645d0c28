using Ddl.Store;
using Ddl.Store.Sqlite;
using Ddl.Store.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Ddl.Store.Tests.Sqlite;

/// <summary>A SQLite file in a temp folder that is removed with it.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly bool _ownsFolder;

    public SqliteTestDatabase() : this(Path.Combine(Path.GetTempPath(), $"ddl-store-tests-{Guid.NewGuid():N}"), ownsFolder: true)
    {
    }

    private SqliteTestDatabase(string folder, bool ownsFolder)
    {
        Folder = folder;
        _ownsFolder = ownsFolder;
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    /// <summary>Another, empty database file in the same folder (removed with the folder).</summary>
    public SqliteTestDatabase Sibling() => new(Folder, ownsFolder: false);

    public IEntryStore OpenStore() => new SqliteEntryStore(FilePath);

    public async Task<IReadOnlyList<int>> AppliedMigrationVersionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT version FROM ddl_schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    public ValueTask DisposeAsync()
    {
        if (_ownsFolder && Directory.Exists(Folder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
