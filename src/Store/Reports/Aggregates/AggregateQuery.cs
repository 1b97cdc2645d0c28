// Shapes of the regulator's ad-hoc aggregate; described on the GraphQL types (src/Api/Reports).
#pragma warning disable CS1591

namespace Ddl.Store.Reports.Aggregates;

/// <summary>Which dispensings count. Every field is optional; days are yyyy-MM-dd, both ends included.</summary>
public sealed record AggregateFilter(
    string? From = null, string? To = null, string? Drug = null, string? AtcPrefix = null, string? Schedule = null,
    string? Region = null, string? Institution = null, string? PrescriberInstitution = null);

/// <summary>A dimension to group by. ATC levels are the code's first 1, 3, 4, 5 and 7 characters.</summary>
public enum GroupBy { Drug, Atc1, Atc2, Atc3, Atc4, Atc5, Region, Institution, PrescriberInstitution, Day, Week, Month }

public enum AggregateOrder { Keys, Count, Quantity, Patients }

/// <summary>One group: its key values in group-by order, dispensings, total quantity and distinct patients.</summary>
public sealed record AggregateRow(IReadOnlyList<string?> Keys, long Count, long Quantity, long Patients);

public sealed record AggregatePage(long TotalGroups, IReadOnlyList<AggregateRow> Rows);
