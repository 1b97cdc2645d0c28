using static Ddl.Store.Reports.EntryProjection;

namespace Ddl.Store.Reports;

/// <summary>Institutions with their kind and region: what aggregates group dispensings by.</summary>
internal static class Institutions
{
    public static IReadOnlyList<SqlStep> Registered(Projected e) =>
    [
        new("""
            INSERT INTO rm_institutions (id, kind, name, region) VALUES (@id, @kind, @name, @region)
            ON CONFLICT (id) DO NOTHING
            """,
            ("@id", e.Chain), ("@kind", Text(e.Body, "kind") ?? ""), ("@name", Text(e.Body, "name") ?? ""), ("@region", Text(e.Body, "region") ?? "")),
    ];

    public static IReadOnlyList<SqlStep> Suspended(Projected e, bool suspended) =>
    [
        new("UPDATE rm_institutions SET suspended = @s WHERE id = @id", ("@id", e.Chain), ("@s", suspended ? 1L : 0L)),
    ];
}
