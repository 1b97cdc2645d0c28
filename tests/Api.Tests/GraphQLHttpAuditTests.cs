using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Ddl.Tests.Support;
using Xunit.Abstractions;

namespace Ddl.Api.Tests;

/// <summary>
/// The GraphQL-over-HTTP conformance audit (npm graphql-http's serverAudits) against the real
/// ledger process with its real schema, not only against the transport's test schema.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    /// <summary>Deliberate SHOULD differences, explained in src/Transport/README.md (Accept: */* and none).</summary>
    private static readonly HashSet<string> ExpectedWarnings = ["47DE", "80D8"];

    [Fact]
    public async Task the_ledger_passes_every_MUST_of_the_graphql_http_audit()
    {
        var audit = AuditDirectory();
        if (!Directory.Exists(Path.Combine(audit, "node_modules", "graphql-http")))
        {
            var install = await RunAsync("npm", audit, "ci", "--no-audit", "--no-fund");
            Assert.True(install.ExitCode == 0, install.Stderr);
        }

        await using var ledger = await RunningLedger.StartAsync();
        var run = await RunAsync("node", audit, "audit.mjs", ledger.GraphQL.ToString());

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var summary = JsonDocument.Parse(run.Stdout);
        var results = summary.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetString()!, Name: r.GetProperty("name").GetString()!, Status: r.GetProperty("status").GetString()!,
                Reason: r.TryGetProperty("reason", out var reason) ? reason.GetString() : null))
            .ToList();
        foreach (var r in results.Where(r => r.Status != "ok"))
        {
            output.WriteLine($"{r.Status} {r.Id} {r.Name}: {r.Reason}");
        }

        Assert.True(results.Count(r => r.Name.StartsWith("MUST", StringComparison.Ordinal)) >= 10);
        Assert.Empty(results.Where(r => r.Status == "error").Select(r => $"{r.Id} {r.Name}: {r.Reason}"));
        Assert.Empty(results.Where(r => r.Status == "warn" && !ExpectedWarnings.Contains(r.Id)).Select(r => $"{r.Id} {r.Name}: {r.Reason}"));
    }

    private static string AuditDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Transport.Tests", "audit"));

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
