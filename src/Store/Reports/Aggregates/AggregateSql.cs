using System.Globalization;
using Ddl.Ledger;

namespace Ddl.Store.Reports.Aggregates;

/// <summary>
/// Translates an aggregate request to one SQL statement over rm_dispensings, the same text on both
/// engines: the database filters, groups, counts, sorts and pages; nothing is summed in memory.
/// Values only ever travel as parameters; the SQL text is assembled from fixed fragments.
/// </summary>
internal static class AggregateSql
{
    public const string From = "FROM rm_dispensings d LEFT JOIN rm_institutions ph ON ph.id = d.pharmacy";

    public static string Key(GroupBy by) => by switch
    {
        GroupBy.Drug => "COALESCE(d.atc, d.national)",
        GroupBy.Atc1 => "substr(d.atc, 1, 1)",
        GroupBy.Atc2 => "substr(d.atc, 1, 3)",
        GroupBy.Atc3 => "substr(d.atc, 1, 4)",
        GroupBy.Atc4 => "substr(d.atc, 1, 5)",
        GroupBy.Atc5 => "d.atc",
        GroupBy.Region => "ph.region",
        GroupBy.Institution => "d.pharmacy",
        GroupBy.PrescriberInstitution => "d.prescriber",
        GroupBy.Day => "d.day",
        GroupBy.Week => "d.week",
        GroupBy.Month => "d.month",
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };

    public static (string Where, List<(string, object?)> Parameters) Where(AggregateFilter f)
    {
        var conditions = new List<string> { "1 = 1" };
        var parameters = new List<(string, object?)>();
        void Add(string condition, params (string, object?)[] values)
        {
            conditions.Add(condition);
            parameters.AddRange(values);
        }

        if (f.From is not null)
        {
            Add("d.day >= @from", ("@from", Day(f.From, "from")));
        }

        if (f.To is not null)
        {
            Add("d.day <= @to", ("@to", Day(f.To, "to")));
        }

        if (f.Drug is not null)
        {
            Add("(d.atc = @drug OR d.national = @drug)", ("@drug", f.Drug));
        }

        if (f.AtcPrefix is not null)
        {
            // A range rather than LIKE: it uses the (atc, day) index on both engines (byte order).
            var prefix = f.AtcPrefix.Trim().ToUpperInvariant();
            if (prefix.Length is 0 or > 7 || !prefix.All(char.IsAsciiLetterOrDigit))
            {
                throw new LedgerException(ErrorCodes.InvalidArgument, $"atcPrefix '{f.AtcPrefix}' is not the start of an ATC code.");
            }

            if (prefix.Length == 4)
            {
                // An ATC level-3 class: the expression of the (substr(atc, 1, 4), day) index of migration 0006,
                // so the period bounds the scan too (a range on atc leaves the day to be filtered row by row).
                Add("substr(d.atc, 1, 4) = @atc3", ("@atc3", prefix));
            }
            else
            {
                Add("d.atc >= @atc_lo AND d.atc < @atc_hi", ("@atc_lo", prefix), ("@atc_hi", prefix[..^1] + (char)(prefix[^1] + 1)));
            }
        }

        if (f.Schedule is not null)
        {
            Add("d.schedule = @schedule", ("@schedule", f.Schedule));
        }

        if (f.Region is not null)
        {
            Add("ph.region = @region", ("@region", f.Region));
        }

        if (f.Institution is not null)
        {
            Add("d.pharmacy = @institution", ("@institution", f.Institution));
        }

        if (f.PrescriberInstitution is not null)
        {
            Add("d.prescriber = @prescriber", ("@prescriber", f.PrescriberInstitution));
        }

        return (string.Join(" AND ", conditions), parameters);
    }

    /// <summary>
    /// Distinct patients are counted in two steps: first one row per group and patient (a hash
    /// aggregate), then the groups over those rows. <c>COUNT(DISTINCT d.patient)</c> in one step
    /// means sorting every dispensing of the filter by group and patient: at a year of one ATC
    /// class of a 10-million-dispensing ledger (half a million rows) that sort was most of a second.
    /// </summary>
    public static string Aggregate(IReadOnlyList<GroupBy> groupBy, AggregateOrder order, bool descending, string where)
    {
        var inner = string.Join("", groupBy.Select((g, i) => $"{Key(g)} AS k{i}, "));
        var innerGroup = string.Join("", groupBy.Select(g => Key(g) + ", "));
        var keys = groupBy.Select((_, i) => $"k{i}").ToList();
        var select = string.Join(", ", keys.Append(
            "CAST(COALESCE(SUM(g.n), 0) AS bigint) AS n, CAST(COALESCE(SUM(g.q), 0) AS bigint) AS q, COUNT(*) AS pt, COUNT(*) OVER () AS groups"));
        var groupClause = groupBy.Count == 0 ? "" : "GROUP BY " + string.Join(", ", keys);
        // Keys sort nulls first on both engines (PostgreSQL would put them last), so pages agree.
        var direction = descending ? " DESC" : "";
        var keyDirection = order == AggregateOrder.Keys ? direction : "";
        var keyOrder = keys.Select(k => $"{k} IS NOT NULL{keyDirection}, {k}{keyDirection}").ToList();
        var measure = order switch
        {
            AggregateOrder.Count => "n" + direction,
            AggregateOrder.Quantity => "q" + direction,
            AggregateOrder.Patients => "pt" + direction,
            _ => null,
        };
        List<string> orderTerms = measure is null ? keyOrder : [measure, .. keyOrder];
        var orderClause = orderTerms.Count == 0 ? "" : "ORDER BY " + string.Join(", ", orderTerms);
        return $"""
            SELECT {select} FROM (
                SELECT {inner}d.patient AS p, COUNT(*) AS n, SUM(d.quantity) AS q {From} WHERE {where} GROUP BY {innerGroup}d.patient) g
            {groupClause} {orderClause} LIMIT @first OFFSET @offset
            """;
    }

    /// <summary>Conditions that pin each group-by dimension to the value of one aggregate row.</summary>
    public static (string Where, List<(string, object?)> Parameters) Pin(IReadOnlyList<GroupBy> groupBy, IReadOnlyList<string?> keys)
    {
        if (keys.Count != groupBy.Count)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument, $"key has {keys.Count} value(s) but groupBy has {groupBy.Count}.");
        }

        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        for (var i = 0; i < groupBy.Count; i++)
        {
            var name = "@key" + i.ToString(CultureInfo.InvariantCulture);
            conditions.Add(keys[i] is null ? $"{Key(groupBy[i])} IS NULL" : $"{Key(groupBy[i])} = {name}");
            if (keys[i] is not null)
            {
                parameters.Add((name, keys[i]));
            }
        }

        return (conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), parameters);
    }

    private static string Day(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text
            : throw new LedgerException(ErrorCodes.InvalidArgument, $"{field} '{text}' is not a day (yyyy-MM-dd).");
}
