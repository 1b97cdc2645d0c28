namespace Ddl.Web.Tests;

/// <summary>Where the source tree is (the e2e driver lives there, screenshots are written there).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>docs/screenshots: the tests write each page's picture there, and the README shows them.</summary>
    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(Root, "docs", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No DdlOrleans.sln above {AppContext.BaseDirectory}.");
    }
}
