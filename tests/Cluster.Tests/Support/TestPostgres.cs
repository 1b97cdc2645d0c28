namespace Ddl.Cluster.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: the one ./test.sh started, or one the developer named.
/// These tests fail, never skip, when it is missing: a green run must have exercised the SQL.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "DDL_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh (it starts a throwaway PostgreSQL), or set {Variable} to an Npgsql connection string.");
}
