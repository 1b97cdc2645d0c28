using Ddl.Store.Reports.Aggregates;
using Ddl.Store.Reports.Statistics;
using GraphQL.Types;

namespace Ddl.Api.Reports;

public sealed class AggregateFilterInputType : InputObjectGraphType<AggregateFilter>
{
    public AggregateFilterInputType()
    {
        Name = "AggregateFilter";
        Description = "Which dispensings count; every field optional.";
        Field(f => f.From, nullable: true).Description("First day, yyyy-MM-dd (UTC, included).");
        Field(f => f.To, nullable: true).Description("Last day, yyyy-MM-dd (included).");
        Field(f => f.Drug, nullable: true).Description("A full ATC code or a national drug code.");
        Field(f => f.AtcPrefix, nullable: true).Description("ATC prefix, any level (N, N02, N02A, ...).");
        Field(f => f.Schedule, nullable: true).Description("Controlled-drug schedule.");
        Field(f => f.Region, nullable: true).Description("Region of the dispensing pharmacy.");
        Field(f => f.Institution, nullable: true).Description("The dispensing pharmacy.");
        Field(f => f.PrescriberInstitution, nullable: true).Description("The prescribing medical centre.");
    }
}

public sealed class GroupByGraphType : EnumerationGraphType
{
    public GroupByGraphType()
    {
        Name = "AggregateGroupBy";
        Description = "A dimension to group dispensings by (days, weeks and months in UTC).";
        Add("DRUG", GroupBy.Drug, "The full ATC code, else the national code.");
        Add("ATC1", GroupBy.Atc1, "ATC level 1, anatomical main group (N).");
        Add("ATC2", GroupBy.Atc2, "ATC level 2, therapeutic subgroup (N02).");
        Add("ATC3", GroupBy.Atc3, "ATC level 3, pharmacological subgroup (N02A).");
        Add("ATC4", GroupBy.Atc4, "ATC level 4, chemical subgroup (N02AA).");
        Add("ATC5", GroupBy.Atc5, "ATC level 5, chemical substance (N02AA01).");
        Add("REGION", GroupBy.Region, "Region of the dispensing pharmacy.");
        Add("INSTITUTION", GroupBy.Institution, "The dispensing pharmacy.");
        Add("PRESCRIBER_INSTITUTION", GroupBy.PrescriberInstitution, "The prescribing medical centre.");
        Add("DAY", GroupBy.Day, "yyyy-MM-dd.");
        Add("WEEK", GroupBy.Week, "ISO week, yyyy-Www.");
        Add("MONTH", GroupBy.Month, "yyyy-MM.");
    }
}

public sealed class AggregateOrderGraphType : EnumerationGraphType<AggregateOrder>
{
    public AggregateOrderGraphType()
    {
        Name = "AggregateOrder";
        Description = "Sort by the group keys or by a measure (ties by keys).";
    }
}

public sealed class AggregateRowGraphType : ObjectGraphType<AggregateRow>
{
    public AggregateRowGraphType()
    {
        Name = "AggregateRow";
        Description = "One group: key values in group-by order; pass them as `key` to `aggregateEntries` to drill down.";
        Field<NonNullGraphType<ListGraphType<StringGraphType>>>("keys").Description("Key values, in group-by order.").Resolve(c => c.Source.Keys);
        Field(r => r.Count).Description("Dispensing entries.");
        Field(r => r.Quantity).Description("Total quantity dispensed (in the items' units).");
        Field(r => r.Patients).Description("Distinct patients.");
    }
}

public sealed class AggregatePageGraphType : ObjectGraphType<AggregatePage>
{
    public AggregatePageGraphType()
    {
        Name = "AggregatePage";
        Description = "A page of aggregate rows.";
        Field(p => p.TotalGroups).Description("Groups in all pages.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AggregateRowGraphType>>>>("rows").Description("This page's rows.").Resolve(c => c.Source.Rows);
    }
}

public sealed class StatisticsCellGraphType : ObjectGraphType<StatisticsCell>
{
    public StatisticsCellGraphType()
    {
        Name = "StatisticsCell";
        Description = "A published count; null when suppressed.";
        Field(c => c.AtcClass, nullable: true).Description("ATC level-3 class (null in a region total).");
        Field(c => c.Region, nullable: true).Description("Pharmacy region (null in a class total).");
        Field(c => c.Count, nullable: true).Description("Dispensings, or null when suppressed.");
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("Whether the count is withheld.").Resolve(c => c.Source.Count is null);
    }
}

public sealed class StatisticsMonthGraphType : ObjectGraphType<StatisticsMonth>
{
    public StatisticsMonthGraphType()
    {
        Name = "StatisticsMonth";
        Description = "One month: dispensings by ATC class and region, with class and region totals.";
        Field(m => m.Month).Description("yyyy-MM.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsCellGraphType>>>>("cells").Description("Class x region cells.").Resolve(c => c.Source.Cells);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsCellGraphType>>>>("classTotals").Description("Per class.").Resolve(c => c.Source.ClassTotals);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsCellGraphType>>>>("regionTotals").Description("Per region.").Resolve(c => c.Source.RegionTotals);
        Field(m => m.Total, nullable: true).Description("The month's total, or null when suppressed.");
    }
}
