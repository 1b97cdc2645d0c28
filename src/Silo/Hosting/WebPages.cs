using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Ddl.Silo.Hosting;

/// <summary>
/// Serves the web pages (src/Web/wwwroot: static HTML and JavaScript modules, no build step) from
/// resources embedded in this assembly: `/` is index.html, `/patient.html` and so on. Embedded, so
/// that `dotnet run --project src/Silo` and the built dll run from any folder serve the same files.
/// The pages use only the public GraphQL API, like any third-party front end.
/// </summary>
public static class WebPages
{
    private const string Prefix = "ddl-web/";

    public static WebApplication UseLedgerWebPages(this WebApplication app)
    {
        var files = new EmbeddedWebFiles(typeof(WebPages).Assembly, Prefix);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            // The pages change with the ledger's version: let browsers revalidate rather than guess.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    /// <summary>A read-only file provider over the assembly's resources named <c>prefix + path</c>.</summary>
    private sealed class EmbeddedWebFiles(Assembly assembly, string prefix) : IFileProvider
    {
        // The process start: with no-cache, a browser revalidates and gets the files of the running version.
        private readonly DateTimeOffset built = DateTimeOffset.UtcNow;
        private readonly HashSet<string> names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..]).ToHashSet(StringComparer.Ordinal);

        public IFileInfo GetFileInfo(string subpath)
        {
            var path = subpath.TrimStart('/');
            return names.Contains(path) ? new Resource(assembly, prefix + path, Path.GetFileName(path), built) : new NotFoundFileInfo(subpath);
        }

        public IDirectoryContents GetDirectoryContents(string subpath)
        {
            var dir = subpath.Trim('/');
            dir = dir.Length == 0 ? "" : dir + "/";
            var entries = names.Where(n => n.StartsWith(dir, StringComparison.Ordinal) && !n[dir.Length..].Contains('/'))
                .Select(n => (IFileInfo)new Resource(assembly, prefix + n, Path.GetFileName(n), built)).ToList();
            return entries.Count > 0 ? new WebDirectory(entries) : NotFoundDirectoryContents.Singleton;
        }

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    private sealed class WebDirectory(List<IFileInfo> entries) : IDirectoryContents
    {
        public bool Exists => true;
        public IEnumerator<IFileInfo> GetEnumerator() => entries.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Resource(Assembly assembly, string resource, string name, DateTimeOffset modified) : IFileInfo
    {
        public bool Exists => true;
        public long Length { get; } = assembly.GetManifestResourceStream(resource)!.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => modified;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => assembly.GetManifestResourceStream(resource)!;
    }
}
