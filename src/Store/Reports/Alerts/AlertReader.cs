using System.Data.Common;
using Ddl.Ledger;

namespace Ddl.Store.Reports.Alerts;

/// <summary>
/// Evaluates the alert definitions against the read model's dispensings, in SQL on the store's own
/// engine: each rule is one grouped query over the window, and only the patients it flags are
/// read further (for their evidence).
/// </summary>
public sealed class AlertReader
{
    private const int EvidenceLimit = 50;

    private readonly ReportDatabase db;

    private AlertReader(ReportDatabase db) => this.db = db;

    /// <summary>The alerts of the read model in the database of <paramref name="entries"/>.</summary>
    public static AlertReader For(IEntryStore entries) => new(ReportDatabase.For(entries));

    /// <summary>Every alert the definitions raise for windows ending at <paramref name="asOf"/>.</summary>
    public async Task<IReadOnlyList<Alert>> EvaluateAsync(AlertDefinitions definitions, DateTimeOffset asOf, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var alerts = new List<Alert>();
        alerts.AddRange(await MultipleProvidersAsync(c, definitions.MultipleProviders, asOf, ct));
        alerts.AddRange(await CoPrescriptionAsync(c, definitions.OpioidBenzodiazepine, asOf, ct));
        alerts.AddRange(await EarlyRefillAsync(c, definitions.EarlyRefill, asOf, ct));
        alerts.AddRange(await DailyMmeAsync(c, definitions.DailyMme, asOf, ct));
        return alerts;
    }

    private async Task<IEnumerable<Alert>> MultipleProvidersAsync(DbConnection c, MultipleProvidersRule rule, DateTimeOffset asOf, CancellationToken ct)
    {
        var window = Window(rule, asOf);
        var flagged = await QueryAsync(c, """
            SELECT patient, COUNT(DISTINCT prescriber), COUNT(DISTINCT pharmacy) FROM rm_dispensings
            WHERE at >= @from AND at < @to
            GROUP BY patient HAVING COUNT(DISTINCT prescriber) >= @prescribers AND COUNT(DISTINCT pharmacy) >= @pharmacies
            ORDER BY patient
            """, [.. window, ("@prescribers", (long)rule.MinPrescribers), ("@pharmacies", (long)rule.MinPharmacies)],
            r => (Patient: r.GetString(0), Prescribers: r.GetInt64(1), Pharmacies: r.GetInt64(2)), ct);
        var alerts = new List<Alert>();
        foreach (var f in flagged)
        {
            alerts.Add(new Alert(rule.Id, $"v{rule.Version}", f.Patient,
                $"{f.Prescribers} prescribers and {f.Pharmacies} pharmacies in {rule.WindowDays} days (limits {rule.MinPrescribers} and {rule.MinPharmacies}).",
                await EvidenceAsync(c, f.Patient, window, null, ct)));
        }

        return alerts;
    }

    private async Task<IEnumerable<Alert>> CoPrescriptionAsync(DbConnection c, CoPrescriptionRule rule, DateTimeOffset asOf, CancellationToken ct)
    {
        var window = Window(rule, asOf);
        var (first, firstParameters) = PrefixCondition("f", rule.FirstClass);
        var (second, secondParameters) = PrefixCondition("s", rule.SecondClass);
        var patients = await QueryAsync(c, $"""
            SELECT patient FROM rm_dispensings WHERE at >= @from AND at < @to
            GROUP BY patient HAVING SUM(CASE WHEN {first} THEN 1 ELSE 0 END) > 0 AND SUM(CASE WHEN {second} THEN 1 ELSE 0 END) > 0
            ORDER BY patient
            """, [.. window, .. firstParameters, .. secondParameters], r => r.GetString(0), ct);
        var alerts = new List<Alert>();
        foreach (var patient in patients)
        {
            alerts.Add(new Alert(rule.Id, $"v{rule.Version}", patient,
                $"{string.Join("/", rule.FirstClass)} and {string.Join("/", rule.SecondClass)} dispensed within {rule.WindowDays} days.",
                await EvidenceAsync(c, patient, window, $"({first} OR {second})", ct, [.. firstParameters, .. secondParameters])));
        }

        return alerts;
    }

    private async Task<IEnumerable<Alert>> EarlyRefillAsync(DbConnection c, EarlyRefillRule rule, DateTimeOffset asOf, CancellationToken ct)
    {
        var window = Window(rule, asOf);
        var daysApart = db.Engine == StoreOptions.Postgres
            ? "(b.day::date - a.day::date)"
            : "CAST(julianday(b.day) - julianday(a.day) AS INTEGER)";
        var pairs = await QueryAsync(c, $"""
            SELECT a.patient, a.chain, a.seq, a.hash, a.atc, a.at, b.chain, b.seq, b.hash, b.at
            FROM rm_dispensings a JOIN rm_dispensings b
              ON b.patient = a.patient AND b.atc = a.atc AND b.chain <> a.chain AND b.at > a.at
            WHERE a.at >= @from AND b.at < @to AND a.atc IS NOT NULL AND {daysApart} < @days
            ORDER BY a.patient, b.at
            """, [.. window, ("@days", (long)rule.MinDaysBetween)],
            r => (Patient: r.GetString(0), First: new AlertEvidence(r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetString(5)),
                Second: new AlertEvidence(r.GetString(6), r.GetInt64(7), r.GetString(8), r.GetString(4), r.GetString(9))), ct);
        return pairs.GroupBy(p => p.Patient).Select(g => new Alert(rule.Id, $"v{rule.Version}", g.Key,
            $"{g.First().First.Atc} dispensed again from another prescription fewer than {rule.MinDaysBetween} days later ({g.Count()} time(s)).",
            g.SelectMany(p => new[] { p.First, p.Second }).DistinctBy(e => (e.Chain, e.Seq)).Take(EvidenceLimit).ToList()));
    }

    private async Task<IEnumerable<Alert>> DailyMmeAsync(DbConnection c, DailyMmeRule rule, DateTimeOffset asOf, CancellationToken ct)
    {
        var window = Window(rule, asOf);
        var totals = await QueryAsync(c, """
            SELECT patient, atc, unit, SUM(quantity) FROM rm_dispensings
            WHERE at >= @from AND at < @to AND atc IS NOT NULL
            GROUP BY patient, atc, unit ORDER BY patient
            """, window, r => (Patient: r.GetString(0), Key: r.GetString(1) + "|" + r.GetString(2), Quantity: r.GetInt64(3)), ct);
        var alerts = new List<Alert>();
        foreach (var patient in totals.Where(t => rule.Factors.ContainsKey(t.Key)).GroupBy(t => t.Patient))
        {
            var perDay = patient.Sum(t => t.Quantity * rule.Factors[t.Key]) / rule.WindowDays;
            if (perDay > rule.LimitPerDay)
            {
                alerts.Add(new Alert(rule.Id, $"v{rule.Version}/{rule.TableVersion}", patient.Key,
                    $"{perDay:0.#} MME per day on average over {rule.WindowDays} days (limit {rule.LimitPerDay}).",
                    await EvidenceAsync(c, patient.Key, window, null, ct)));
            }
        }

        return alerts;
    }

    private static (string Name, object? Value)[] Window(AlertRule rule, DateTimeOffset asOf) =>
        [("@from", LedgerTime.Format(asOf.AddDays(-rule.WindowDays))), ("@to", LedgerTime.Format(asOf))];

    /// <summary>"atc starts with one of these prefixes", as SQL both engines run, with its parameters.</summary>
    private static (string Sql, (string Name, object? Value)[] Parameters) PrefixCondition(string name, IReadOnlyList<string> prefixes)
    {
        var parameters = prefixes.Select((p, i) => ($"@{name}{i}", (object?)p)).ToArray();
        var sql = string.Join(" OR ", prefixes.Select((p, i) => $"substr(atc, 1, {p.Length}) = @{name}{i}"));
        return ($"({sql})", parameters);
    }

    private static Task<List<AlertEvidence>> EvidenceAsync(DbConnection c, string patient, (string, object?)[] window, string? condition, CancellationToken ct,
        (string, object?)[]? extra = null) =>
        QueryAsync(c, $"""
            SELECT chain, seq, hash, atc, at FROM rm_dispensings
            WHERE patient = @patient AND at >= @from AND at < @to {(condition is null ? "" : "AND " + condition)}
            ORDER BY at LIMIT {EvidenceLimit}
            """, [.. window, ("@patient", patient), .. extra ?? []],
            r => new AlertEvidence(r.GetString(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)), ct);

    private static async Task<List<T>> QueryAsync<T>(DbConnection c, string sql, IEnumerable<(string, object?)> parameters, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = ReportDatabase.Command(c, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
