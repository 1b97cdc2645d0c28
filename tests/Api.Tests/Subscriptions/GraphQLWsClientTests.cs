using System.Diagnostics;
using System.Text.Json.Nodes;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>
/// The npm graphql-ws client (6.4.2, the reference implementation of graphql-transport-ws) against
/// a running ledger: it authenticates with connectionParams, subscribes, receives, disconnects, and
/// reconnects with its last cursor while the ledger keeps writing. tests/Api.Tests/ws-client holds
/// the script and its lock file; `npm ci` runs there when node_modules is missing.
/// </summary>
public sealed class GraphQLWsClientTests
{
    [Fact]
    public async Task the_graphql_ws_npm_client_receives_live_events_and_resumes_from_its_cursor_after_reconnecting()
    {
        var directory = ClientDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            var install = await RunToEndAsync("npm", "ci --no-audit --no-fund", directory, TimeSpan.FromMinutes(3));
            Assert.True(install.ExitCode == 0, $"npm ci failed:\n{install.Stderr}");
        }

        await using var ledger = await RunningLedger.StartAsync();
        var world = new FeedWorld(ledger);
        var centre = await world.RegisterAsync("medical_centre");
        var pharmacy = await world.RegisterAsync("pharmacy");
        var rx = await world.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02BE01", "Paracetamol 500 mg", 100));
        var ws = new UriBuilder(ledger.GraphQL) { Scheme = "ws" }.Uri;

        using var node = Process.Start(new ProcessStartInfo("node", $"client.mjs {ws} {world.Token(pharmacy)} 3 3")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            var written = new List<long>();
            await world.WaitForFeedsAsync(1);
            for (var i = 0; i < 3; i++)
            {
                written.Add((await world.DispenseAsync(pharmacy, rx, 1, 1))["seq"]!.GetValue<long>());
            }

            var firstRun = await ReadUntilAsync(node, "paused");
            await world.WaitForFeedsAsync(0);

            // Written while the client is away: they must come first, from the store, when it resumes.
            for (var i = 0; i < 2; i++)
            {
                written.Add((await world.DispenseAsync(pharmacy, rx, 1, 1))["seq"]!.GetValue<long>());
            }

            await node.StandardInput.WriteLineAsync("resume");
            await node.StandardInput.FlushAsync();
            await world.WaitForFeedsAsync(1);
            written.Add((await world.DispenseAsync(pharmacy, rx, 1, 1))["seq"]!.GetValue<long>());
            var secondRun = await ReadUntilAsync(node, "done");

            var events = firstRun.Events.Concat(secondRun.Events).ToList();
            Assert.Equal(written, events.Select(e => e["seq"]!.GetValue<long>()));
            Assert.All(events, e => Assert.Equal(rx, e["chain"]!.GetValue<string>()));
            Assert.Equal([false, false, false, true, true, false], events.Select(e => e["replayed"]!.GetValue<bool>()));
            Assert.Equal(events[2]["cursor"]!.GetValue<string>(), firstRun.Final["cursor"]!.GetValue<string>());
            for (var i = 1; i < events.Count; i++)
            {
                Assert.Equal(events[i - 1]["hash"]!.GetValue<string>(), events[i]["prev"]!.GetValue<string>());
            }

            Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(10)) && node.ExitCode == 0, await stderr);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Reads the script's JSON lines until the state <paramref name="state"/>; returns the events before it.</summary>
    private static async Task<(List<JsonNode> Events, JsonNode Final)> ReadUntilAsync(Process node, string state)
    {
        var events = new List<JsonNode>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await node.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The client exited before '{state}': {await node.StandardError.ReadToEndAsync()}");
            var message = JsonNode.Parse(line)!;
            if (message["event"] is { } e)
            {
                events.Add(e.DeepClone());
            }
            else if (message["state"]!.GetValue<string>() == state)
            {
                return (events, message);
            }
        }
    }

    private static async Task<(int ExitCode, string Stderr)> RunToEndAsync(string fileName, string arguments, string directory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    private static string ClientDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root."), "tests", "Api.Tests", "ws-client");
    }
}
