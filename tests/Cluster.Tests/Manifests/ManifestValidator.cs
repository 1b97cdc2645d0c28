using System.Diagnostics;

namespace Ddl.Cluster.Tests.Manifests;

/// <summary>Runs validator/validate-manifests.mjs (Node; its packages installed by ./test.sh) on a folder of manifests.</summary>
public static class ManifestValidator
{
    public sealed record Result(int ExitCode, string Output);

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (DdlOrleans.sln).");
    }

    public static async Task<Result> RunAsync(string folder)
    {
        var validator = Path.Combine(RepositoryRoot(), "tests", "Cluster.Tests", "Manifests", "validator");
        if (!Directory.Exists(Path.Combine(validator, "node_modules")))
        {
            throw new InvalidOperationException($"{validator}/node_modules is missing: run ./test.sh, or npm ci in that folder.");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(validator, "validate-manifests.mjs"));
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung validator must not outlive the test run.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await stdout + await stderr);
    }
}
