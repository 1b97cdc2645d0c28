namespace Ddl.Store.Migrations;

/// <summary>
/// One versioned schema change, kept as an embedded <c>NNNN_name.sql</c> resource per engine.
/// A script, once released, is never edited: a change is a new, higher version.
/// </summary>
internal sealed record MigrationScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> Load(string engine)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"migrations/{engine}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var file = resource[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(file[..underscore], out var version) || version <= 0)
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            scripts.Add(new MigrationScript(version, file[(underscore + 1)..], text.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
                throw new InvalidOperationException($"Two {engine} migrations share version {scripts[i].Version}.");
        }
        if (scripts.Count == 0)
            throw new InvalidOperationException($"No {engine} migrations are embedded in {assembly.GetName().Name}.");
        return scripts;
    }
}
