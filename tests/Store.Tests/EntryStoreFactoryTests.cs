using Ddl.Store;
using Xunit;

namespace Ddl.Store.Tests;

public sealed class EntryStoreFactoryTests
{
    [Fact]
    public void missing_sqlite_path_is_refused_with_the_setting_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => EntryStoreFactory.Create(new StoreOptions { Engine = "sqlite" }));
        Assert.Contains("SqlitePath", ex.Message);
    }

    [Fact]
    public void missing_postgres_connection_string_is_refused_with_the_setting_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => EntryStoreFactory.Create(new StoreOptions { Engine = "postgres" }));
        Assert.Contains("PostgresConnectionString", ex.Message);
    }

    [Fact]
    public void unknown_engine_is_refused_with_the_choices_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => EntryStoreFactory.Create(new StoreOptions { Engine = "mysql", SqlitePath = "x.db" }));
        Assert.Contains("\"sqlite\" or \"postgres\"", ex.Message);
    }
}
