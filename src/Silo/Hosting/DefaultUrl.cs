using Ddl.Silo.Configuration;

namespace Ddl.Silo.Hosting;

public static class DefaultUrl
{
    /// <summary>
    /// Serve on 127.0.0.1:5080 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>urls</c> in a file says otherwise:
    /// a ledger should not listen on every interface by accident.
    /// </summary>
    public static void UseDefaultUrlUnlessGiven(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DdlOptions.DefaultUrl);
        }
    }
}
