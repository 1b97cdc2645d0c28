using System.Diagnostics;

namespace Ddl.Cli.Tests;

/// <summary>Runs the real <c>ddl</c> command (the built ddl.dll) as a separate process.</summary>
public static class DdlProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) =>
        RunProgramAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "ddl.dll"), .. args]);

    /// <summary>Runs the independent verifier (tests/Interop, Node) on a file.</summary>
    public static Task<Result> RunIndependentVerifierAsync(string exportFile) =>
        RunProgramAsync("node", [Path.Combine(RepositoryRoot(), "tests", "Interop", "verify-export.mjs"), exportFile]);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (DdlOrleans.sln).");
    }

    private static async Task<Result> RunProgramAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
