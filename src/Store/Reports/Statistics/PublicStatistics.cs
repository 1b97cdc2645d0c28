using System.Globalization;
using Ddl.Ledger;

namespace Ddl.Store.Reports.Statistics;

/// <summary>One published count: null when suppressed.</summary>
/// <param name="AtcClass">ATC level-3 class (4 characters), or null in a region total.</param>
/// <param name="Region">Pharmacy region, or null in a class total.</param>
/// <param name="Count">Dispensings, or null when suppressed.</param>
public sealed record StatisticsCell(string? AtcClass, string? Region, long? Count);

/// <summary>One month's table: cells by class and region, class totals, region totals and the month's total.</summary>
/// <param name="Month">yyyy-MM.</param>
/// <param name="Cells">Every class x region pair of the month, zeros included.</param>
/// <param name="ClassTotals">Per class, over regions.</param>
/// <param name="RegionTotals">Per region, over classes.</param>
/// <param name="Total">All dispensings of the month with an ATC code, or null when suppressed.</param>
public sealed record StatisticsMonth(string Month, IReadOnlyList<StatisticsCell> Cells, IReadOnlyList<StatisticsCell> ClassTotals,
    IReadOnlyList<StatisticsCell> RegionTotals, long? Total);

/// <summary>
/// Public statistics: dispensings by ATC level-3 class, pharmacy region and month, with small
/// counts suppressed (<see cref="Suppression"/>). One fixed ATC level, and one table per month that
/// depends only on that month's dispensings, so no two published tables overlap: a suppressed cell
/// cannot be recovered by subtracting one published table from another.
/// </summary>
public sealed class PublicStatistics
{
    /// <summary>The most months one request may cover.</summary>
    public const int MaxMonths = 36;

    private readonly ReportDatabase db;

    private PublicStatistics(ReportDatabase db) => this.db = db;

    /// <summary>The statistics of the read model in the database of <paramref name="entries"/>.</summary>
    public static PublicStatistics For(IEntryStore entries) => new(ReportDatabase.For(entries));

    /// <summary>The tables of the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (yyyy-MM), months without dispensings left out.</summary>
    public async Task<IReadOnlyList<StatisticsMonth>> MonthsAsync(string fromMonth, string toMonth, CancellationToken ct = default)
    {
        var from = Month(fromMonth, "fromMonth");
        var to = Month(toMonth, "toMonth");
        if (to < from || (to.Year - from.Year) * 12 + to.Month - from.Month >= MaxMonths)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument, $"toMonth must be from fromMonth to {MaxMonths - 1} months after it.");
        }

        await using var c = await db.OpenAsync(ct);
        // Grouped in the database; only the (small) grid of counts comes back.
        var counts = await ReportReader.QueryAsync(c, """
            SELECT d.month, substr(d.atc, 1, 4), ph.region, COUNT(*)
            FROM rm_dispensings d JOIN rm_institutions ph ON ph.id = d.pharmacy
            WHERE d.atc IS NOT NULL AND d.day >= @from AND d.day <= @to
            GROUP BY d.month, substr(d.atc, 1, 4), ph.region
            """,
            [("@from", from.ToString("yyyy-MM-01", CultureInfo.InvariantCulture)),
             ("@to", to.ToString("yyyy-MM-", CultureInfo.InvariantCulture) + DateTime.DaysInMonth(to.Year, to.Month).ToString("D2", CultureInfo.InvariantCulture))],
            r => (Month: r.GetString(0), Class: r.GetString(1), Region: r.GetString(2), Count: r.GetInt64(3)), ct);
        return [.. counts.GroupBy(x => x.Month).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Table(g.Key, g.Select(x => (x.Class, x.Region, x.Count))))];
    }

    /// <summary>One month's table with its suppression applied.</summary>
    public static StatisticsMonth Table(string month, IEnumerable<(string Class, string Region, long Count)> counts)
    {
        var list = counts.ToList();
        var classes = list.Select(x => x.Class).Distinct().Order(StringComparer.Ordinal).ToList();
        var regions = list.Select(x => x.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var grid = new long[classes.Count, regions.Count];
        foreach (var (cls, region, count) in list)
        {
            grid[classes.IndexOf(cls), regions.IndexOf(region)] += count;
        }

        var hidden = Suppression.Suppress(grid);
        long? Shown(int r, int c, long value) => hidden[r, c] ? null : value;
        var cells = new List<StatisticsCell>();
        var classTotals = new List<StatisticsCell>();
        var regionTotals = new List<StatisticsCell>();
        long total = 0;
        for (var r = 0; r < classes.Count; r++)
        {
            long rowTotal = 0;
            for (var c = 0; c < regions.Count; c++)
            {
                cells.Add(new StatisticsCell(classes[r], regions[c], Shown(r, c, grid[r, c])));
                rowTotal += grid[r, c];
            }

            classTotals.Add(new StatisticsCell(classes[r], null, Shown(r, regions.Count, rowTotal)));
            total += rowTotal;
        }

        for (var c = 0; c < regions.Count; c++)
        {
            long columnTotal = 0;
            for (var r = 0; r < classes.Count; r++)
            {
                columnTotal += grid[r, c];
            }

            regionTotals.Add(new StatisticsCell(null, regions[c], Shown(classes.Count, c, columnTotal)));
        }

        return new StatisticsMonth(month, cells, classTotals, regionTotals, Shown(classes.Count, regions.Count, total));
    }

    private static DateOnly Month(string text, string field) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new LedgerException(ErrorCodes.InvalidArgument, $"{field} '{text}' is not a month (yyyy-MM).");
}
