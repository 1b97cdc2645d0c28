using System.Globalization;
using Ddl.Ledger;

namespace Ddl.Store.Reports;

/// <summary>
/// The calendar keys reports group by, computed once at projection so that both engines group
/// by plain text columns: no engine-specific date functions, identical answers on both.
/// Days, ISO weeks and months are UTC.
/// </summary>
public static class ReportTime
{
    /// <summary>yyyy-MM-dd.</summary>
    public static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM.</summary>
    public static string Month(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>ISO week, yyyy-Www (the ISO week-numbering year).</summary>
    public static string Week(DateTimeOffset t)
    {
        var d = t.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(d):D4}-W{ISOWeek.GetWeekOfYear(d):D2}");
    }

    /// <summary>Ledger time text (fixed width, so text order is time order) or null when absent or malformed.</summary>
    public static string? Normalize(string? text) =>
        text is not null && LedgerTime.TryParse(text, out var t) ? LedgerTime.Format(t) : null;
}
