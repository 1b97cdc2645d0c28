namespace Ddl.Web.Tests;

/// <summary>Where the source tree is (the e2e driver lives there, screenshots are written there).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>
    /// Where the tests write each page's picture: docs/screenshots (which the README shows) when
    /// DDL_UPDATE_SCREENSHOTS=1, otherwise a scratch folder, so that a test run leaves the checkout
    /// as it found it (PNG encodings differ from run to run even when the page does not).
    /// </summary>
    public static string Screenshots
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("DDL_UPDATE_SCREENSHOTS") == "1"
                ? Path.Combine(Root, "docs", "screenshots")
                : Path.Combine(Path.GetTempPath(), "ddl-web-screenshots");
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
