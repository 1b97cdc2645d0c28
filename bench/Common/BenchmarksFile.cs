namespace Ddl.Bench.Common;

/// <summary>
/// Writes one benchmark's section of BENCHMARKS.md, between its own HTML-comment markers
/// (<c>&lt;!-- name:start --&gt;</c> … <c>&lt;!-- name:end --&gt;</c>), leaving every other section as it is.
/// </summary>
public static class BenchmarksFile
{
    public static void WriteSection(string path, string name, string section)
    {
        string start = $"<!-- {name}:start -->", end = $"<!-- {name}:end -->";
        var block = $"{start}\n{section.TrimEnd()}\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nMeasured figures, one section per benchmark; each says how it was made.\n";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }

    /// <summary>The repository root: the folder above the build output that holds DdlOrleans.sln.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
