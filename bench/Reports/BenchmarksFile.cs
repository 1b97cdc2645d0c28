namespace Ddl.Bench.Reports;

/// <summary>
/// Writes this benchmark's section of BENCHMARKS.md, between its own HTML-comment markers, leaving
/// every other section as it is.
/// </summary>
public static class BenchmarksFile
{
    public const string Start = "<!-- reports:start -->";
    public const string End = "<!-- reports:end -->";

    public static void WriteSection(string path, string section)
    {
        var block = $"{Start}\n{section.TrimEnd()}\n{End}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nMeasured figures, one section per benchmark; each says how it was made.\n";
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + End.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }

    /// <summary>The repository root: the folder above the build output that holds DdlOrleans.sln.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
