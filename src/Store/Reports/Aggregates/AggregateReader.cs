using Ddl.Ledger;

namespace Ddl.Store.Reports.Aggregates;

/// <summary>The regulator's ad-hoc aggregates over dispensings, and the drill-down to the entries behind a row.</summary>
public sealed class AggregateReader
{
    /// <summary>The most rows one page may ask for.</summary>
    public const int MaxPage = 1000;

    private readonly ReportDatabase db;

    private AggregateReader(ReportDatabase db) => this.db = db;

    /// <summary>The aggregates of the read model in the database of <paramref name="entries"/>.</summary>
    public static AggregateReader For(IEntryStore entries) => new(ReportDatabase.For(entries));

    /// <summary>Counts, total quantity and distinct patients of the filtered dispensings, per group, sorted and paged.</summary>
    public async Task<AggregatePage> AggregateAsync(AggregateFilter filter, IReadOnlyList<GroupBy> groupBy, AggregateOrder order, bool descending,
        int first, int offset, CancellationToken ct = default)
    {
        Page(first, offset);
        if (groupBy.Distinct().Count() != groupBy.Count)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument, "groupBy names a dimension twice.");
        }

        var (where, parameters) = AggregateSql.Where(filter);
        parameters.Add(("@first", (long)first));
        parameters.Add(("@offset", (long)offset));
        await using var c = await db.OpenAsync(ct);
        long total = 0;
        var rows = await ReportReader.QueryAsync(c, AggregateSql.Aggregate(groupBy, order, descending, where), [.. parameters], r =>
        {
            var keys = Enumerable.Range(0, groupBy.Count).Select(i => ReportReader.Text(r, i)).ToList();
            total = r.GetInt64(groupBy.Count + 3);
            return new AggregateRow(keys, r.GetInt64(groupBy.Count), r.GetInt64(groupBy.Count + 1), r.GetInt64(groupBy.Count + 2));
        }, ct);
        if (rows.Count == 0 && offset > 0)
        {
            // The window count comes with rows only; past the last page, count the groups alone.
            total = (await AggregateAsync(filter, groupBy, order, descending, 1, 0, ct)).TotalGroups;
        }

        return new AggregatePage(total, rows);
    }

    /// <summary>The dispensing entries behind one aggregate row (same filter, each group-by pinned to the row's key).</summary>
    public async Task<IReadOnlyList<DispensingRow>> DrillDownAsync(AggregateFilter filter, IReadOnlyList<GroupBy> groupBy, IReadOnlyList<string?> keys,
        int first, int offset, CancellationToken ct = default)
    {
        Page(first, offset);
        var (where, parameters) = AggregateSql.Where(filter);
        var (pin, pinned) = AggregateSql.Pin(groupBy, keys);
        parameters.AddRange(pinned);
        parameters.Add(("@first", (long)first));
        parameters.Add(("@offset", (long)offset));
        await using var c = await db.OpenAsync(ct);
        return await ReportReader.QueryAsync(c, $"""
            SELECT d.chain, d.seq, d.hash, d.item, d.issue, d.quantity, d.unit, d.product_atc, d.product_national, d.product_name, d.batch, d.atc,
                d.schedule, d.pharmacy, ph.name, d.prescriber, d.patient, d.at
            {AggregateSql.From} WHERE {where} AND {pin} ORDER BY d.at, d.chain, d.seq LIMIT @first OFFSET @offset
            """, [.. parameters], ReportReader.ReadDispensing, ct);
    }

    private static void Page(int first, int offset)
    {
        if (first is < 1 or > MaxPage || offset < 0)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument, $"first must be 1 to {MaxPage} and offset at least 0.");
        }
    }
}
