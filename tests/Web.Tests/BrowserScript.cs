using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ddl.Web.Tests;

/// <summary>
/// Runs one Node script of e2e/ (playwright-core driving Debian's Chromium) with a JSON config, and
/// reads the JSON lines it reports. The test can answer on the script's stdin while it runs, to act
/// on the ledger at the moment the page is watching.
/// </summary>
public sealed class BrowserScript : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly Process node;
    private readonly Task<string> stderr;
    private readonly string configFile;

    private BrowserScript(Process node, string configFile)
    {
        this.node = node;
        this.configFile = configFile;
        stderr = node.StandardError.ReadToEndAsync();
    }

    public List<JsonObject> Events { get; } = [];

    /// <summary>The e2e folder in the source tree, with its node_modules installed (npm ci) when missing.</summary>
    public static async Task<string> DirectoryAsync()
    {
        var directory = Path.Combine(Repository.Root, "tests", "Web.Tests", "e2e");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var error = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            Assert.True(npm.ExitCode == 0, $"npm ci failed in {directory}:\n{await error}");
        }

        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (./test.sh does when run as root).");
        return directory;
    }

    public static string Chromium => Environment.GetEnvironmentVariable("DDL_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<BrowserScript> StartAsync(string script, JsonObject config)
    {
        var directory = await DirectoryAsync();
        config["chromium"] = Chromium;
        config["screenshots"] = Repository.Screenshots;
        var configFile = Path.Combine(Path.GetTempPath(), $"ddl-e2e-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(configFile, config.ToJsonString());
        var node = Process.Start(new ProcessStartInfo("node", [script, configFile])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        return new BrowserScript(node, configFile);
    }

    /// <summary>Reads events until one named <paramref name="name"/> arrives; fails on "failed" or when the script ends first.</summary>
    public async Task<JsonObject> ReadUntilAsync(string name)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var line = await node.StandardOutput.ReadLineAsync(cts.Token);
            if (line is null)
            {
                await node.WaitForExitAsync(cts.Token);
                Assert.Fail($"the browser script ended (exit {node.ExitCode}) before '{name}':\n{string.Join('\n', Events)}\n{await stderr}");
            }

            if (JsonNode.Parse(line) is not JsonObject e)
            {
                continue;
            }

            Events.Add(e);
            var kind = e["event"]!.GetValue<string>();
            Assert.False(kind == "failed", $"the browser script failed: {e["message"]}\n{string.Join("\n", Events.SkipLast(1))}\n{e["shown"]}\n{await StderrSoFarAsync()}");
            if (kind == name)
            {
                return e;
            }
        }
    }

    public async Task SendAsync(JsonObject message)
    {
        await node.StandardInput.WriteLineAsync(message.ToJsonString());
        await node.StandardInput.FlushAsync();
    }

    /// <summary>Waits for "done" and a clean exit; then no page may have thrown or logged an error.</summary>
    public async Task FinishAsync()
    {
        await ReadUntilAsync("done");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(cts.Token);
        Assert.True(node.ExitCode == 0, await stderr);
        var errors = Events.Where(e => e["event"]!.GetValue<string>() is "pageerror" or "consoleerror").Select(e => e.ToJsonString()).ToList();
        Assert.True(errors.Count == 0, "the pages reported errors:\n" + string.Join('\n', errors));
    }

    private async Task<string> StderrSoFarAsync() => node.HasExited ? await stderr : "";

    public async ValueTask DisposeAsync()
    {
        if (!node.HasExited)
        {
            // The script closes its browser on its own; a hung one is ended with everything it started.
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        node.Dispose();
        File.Delete(configFile);
    }
}
