namespace Ddl.Silo.Hosting;

public static class QuietFrameworkLogs
{
    /// <summary>
    /// Orleans and ASP.NET tell a lot at Information level; the ledger's own messages and the
    /// frameworks' warnings are what an operator reads. Configuration (Logging:LogLevel) still wins.
    /// </summary>
    public static void UseQuietFrameworkLogs(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }
}
