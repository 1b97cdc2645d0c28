using System.Runtime.CompilerServices;
using System.Text.Json;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Ddl.Transport.Tests.Audit;

/// <summary>
/// The official GraphQL-over-HTTP conformance audit (npm graphql-http's serverAudits) run against the
/// transport on a real port. A failing MUST fails the test; SHOULD warnings are listed in the output.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    /// <summary>
    /// SHOULDs we fail on purpose. 1.23.1's audit wants application/json for a missing Accept and for */*;
    /// the spec says that after its 2025-01-01 watershed a missing Accept SHOULD be treated as
    /// application/graphql-response+json, and we give */* the same answer. Anything else warning is new.
    /// </summary>
    private static readonly HashSet<string> ExpectedWarnings = ["47DE", "80D8"];

    [Fact]
    public async Task the_server_passes_every_MUST_of_the_graphql_http_audit()
    {
        var directory = AuditDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "graphql-http")))
        {
            var install = await NodeProcess.RunAsync("npm", "ci --no-audit --no-fund", directory, TimeSpan.FromMinutes(3));
            Assert.True(install.ExitCode == 0, $"npm ci failed:\n{install.Stderr}");
        }
        await using var server = await TestServer.StartAsync();

        var run = await NodeProcess.RunAsync("node", $"audit.mjs {server.GraphQLUri}", directory, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"audit.mjs failed:\n{run.Stderr}");
        using var summary = JsonDocument.Parse(run.Stdout);
        var results = summary.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => new
            {
                Id = r.GetProperty("id").GetString()!,
                Name = r.GetProperty("name").GetString()!,
                Status = r.GetProperty("status").GetString()!,
                Reason = r.TryGetProperty("reason", out var reason) ? reason.GetString() : null,
            })
            .ToList();
        var root = summary.RootElement;
        output.WriteLine($"graphql-http audit: {root.GetProperty("total")} audits, {root.GetProperty("ok")} ok, " +
            $"{root.GetProperty("warn")} warn, {root.GetProperty("notice")} notice, {root.GetProperty("error")} error");
        foreach (var result in results.Where(r => r.Status != "ok"))
            output.WriteLine($"  {result.Status.ToUpperInvariant()} {result.Id} {result.Name}: {result.Reason}");

        Assert.Contains(results, r => r.Name.StartsWith("MUST", StringComparison.Ordinal));
        Assert.Empty(results.Where(r => r.Status == "error").Select(r => $"{r.Id} {r.Name}: {r.Reason}"));
        Assert.Empty(results.Where(r => r.Status == "warn" && !ExpectedWarnings.Contains(r.Id)).Select(r => $"{r.Id} {r.Name}: {r.Reason}"));
    }

    // The audit package lives next to this test's source, not in the build output.
    private static string AuditDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "audit"));
}
