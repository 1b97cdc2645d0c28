namespace Ddl.Store.Reports;

/// <summary>
/// One statement of a projection, with named parameters (<c>@name</c>), in the one SQL dialect
/// both engines accept for the read model: ON CONFLICT upserts, text and bigint values only.
/// </summary>
internal sealed record SqlStep(string Sql, params (string Name, object? Value)[] Parameters);
