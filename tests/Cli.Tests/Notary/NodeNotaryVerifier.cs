using System.Diagnostics;

namespace Ddl.Cli.Tests.Notary;

/// <summary>Runs tests/Interop/verify-notary.mjs, the independent (Node) checker of the notary's proofs.</summary>
public static class NodeNotaryVerifier
{
    public static async Task<DdlProcess.Result> RunAsync(params string[] files)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "Interop", "verify-notary.mjs"));
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new DdlProcess.Result(process.ExitCode, await stdout, await stderr);
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
