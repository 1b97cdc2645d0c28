using Ddl.Api.Schema;
using Ddl.Tests.Support;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Api.Tests;

public sealed class SchemaApprovalTests
{
    /// <summary>schema.graphql at the repository root is the published contract; change it on purpose or not at all.</summary>
    [Fact]
    public async Task the_printed_schema_matches_the_committed_schema_graphql()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var schema = ledger.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var printed = schema.Print(new PrintOptions { IncludeDescriptions = true }).Replace("\r\n", "\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot(), "schema.graphql");
        if (Environment.GetEnvironmentVariable("DDL_APPROVE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, printed);
        }

        Assert.True(File.Exists(path), "schema.graphql is missing; run the tests once with DDL_APPROVE_SCHEMA=1 and commit it.");
        var committed = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n");
        Assert.True(committed == printed, "The GraphQL schema changed. If that is intended, run the tests with DDL_APPROVE_SCHEMA=1 and commit schema.graphql.");
        Assert.IsType<LedgerSchema>(schema);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (DdlOrleans.sln).");
    }
}
