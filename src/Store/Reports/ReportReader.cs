using System.Data.Common;
using Ddl.Ledger;

namespace Ddl.Store.Reports;

/// <summary>
/// The per-party reports, read from the read model: a patient's treatment report, a pharmacy's
/// worklist and dispensing log, a medical centre's tracker. Who may ask is decided by the caller
/// (src/Api/Auth/Access.cs); every method is scoped by the party it is given.
/// </summary>
public sealed class ReportReader
{
    private const string ItemColumns =
        "i.chain, i.item, i.atc, i.national, i.name, i.dose, i.quantity, i.unit, i.repeats, i.schedule, i.issues_started, i.dispensed_total, i.status, i.not_dispensed";

    private const string DispensingColumns = """
        d.chain, d.seq, d.hash, d.item, d.issue, d.quantity, d.unit, d.product_atc, d.product_national, d.product_name, d.batch, d.atc,
        d.schedule, d.pharmacy, ph.name, d.prescriber, d.patient, d.at
        """;

    private readonly ReportDatabase db;

    private ReportReader(ReportDatabase db) => this.db = db;

    /// <summary>The reports of the read model in the database of <paramref name="entries"/>.</summary>
    public static ReportReader For(IEntryStore entries) => new(ReportDatabase.For(entries));

    /// <summary>Everything the read model holds about one patient, each element with its chain, seq and hash.</summary>
    /// <remarks>
    /// One command of eight statements, read result set by result set: one round trip to the
    /// database instead of eight, which is most of a report's time when the rows are in memory.
    /// </remarks>
    public async Task<PatientReport> PatientReportAsync(string patient, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var command = ReportDatabase.Command(c, null, $"""
            SELECT {ItemColumns} FROM rm_items i JOIN rm_prescriptions p ON p.chain = i.chain WHERE p.patient = @patient ORDER BY i.chain, i.item;
            SELECT {DispensingColumns} FROM rm_dispensings d LEFT JOIN rm_institutions ph ON ph.id = d.pharmacy
            WHERE d.patient = @patient ORDER BY d.chain, d.seq;
            SELECT p.chain, p.seq, p.hash, p.patient, p.prescriber, m.name, p.issued_at, p.valid_from, p.valid_until, p.claimed_by, p.expired
            FROM rm_prescriptions p LEFT JOIN rm_institutions m ON m.id = p.prescriber
            WHERE p.patient = @patient ORDER BY p.issued_at DESC, p.chain;
            SELECT m.chain, m.item, m.atc, m.national, m.name, m.dose, m.quantity, m.unit, m.administered
            FROM rm_medications m JOIN rm_treatments t ON t.chain = m.chain WHERE t.patient = @patient ORDER BY m.chain, m.item;
            SELECT o.chain, o.procedure, o.code, o.name, o.count, o.done
            FROM rm_procedure_orders o JOIN rm_treatments t ON t.chain = o.chain WHERE t.patient = @patient ORDER BY o.chain, o.procedure;
            SELECT a.chain, a.seq, a.hash, a.item, a.quantity, a.unit, a.author, a.at
            FROM rm_administrations a JOIN rm_treatments t ON t.chain = a.chain WHERE t.patient = @patient ORDER BY a.chain, a.seq;
            SELECT x.chain, x.seq, x.hash, x.procedure, x.author, x.at
            FROM rm_procedures x JOIN rm_treatments t ON t.chain = x.chain WHERE t.patient = @patient ORDER BY x.chain, x.seq;
            SELECT t.chain, t.seq, t.hash, t.patient, t.issuer, m.name, t.created_at, t.valid_until, t.cancelled
            FROM rm_treatments t LEFT JOIN rm_institutions m ON m.id = t.issuer
            WHERE t.patient = @patient ORDER BY t.created_at DESC, t.chain
            """, [("@patient", patient)]);
        await using var r = await command.ExecuteReaderAsync(ct);
        var items = (await ReadSetAsync(r, ReadItem, ct)).ToLookup(i => i.Chain);
        var dispensings = (await ReadSetAsync(r, ReadDispensing, ct)).ToLookup(d => d.Chain);
        var prescriptions = await ReadSetAsync(r, r => new PrescriptionRow(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
            Text(r, 5), r.GetString(6), r.GetString(7), r.GetString(8), Text(r, 9), r.GetInt64(10) == 1,
            [.. items[r.GetString(0)]], [.. dispensings[r.GetString(0)]]), ct);
        var medications = (await ReadSetAsync(r, r => (Chain: r.GetString(0), Row: new MedicationRow(r.GetInt64(1), Text(r, 2), Text(r, 3), r.GetString(4),
            r.GetString(5), r.GetInt64(6), r.GetString(7), r.GetInt64(8))), ct)).ToLookup(x => x.Chain, x => x.Row);
        var orders = (await ReadSetAsync(r, r => (Chain: r.GetString(0), Row: new ProcedureOrderRow(r.GetInt64(1), r.GetString(2), r.GetString(3),
            r.GetInt64(4), r.GetInt64(5))), ct)).ToLookup(x => x.Chain, x => x.Row);
        var administrations = (await ReadSetAsync(r, r => new AdministrationRow(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3),
            r.GetInt64(4), r.GetString(5), r.GetString(6), r.GetString(7)), ct)).ToLookup(a => a.Chain);
        var procedures = (await ReadSetAsync(r, r => new ProcedureRow(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
            r.GetString(5)), ct)).ToLookup(x => x.Chain);
        var treatments = await ReadSetAsync(r, r => new TreatmentRow(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
            Text(r, 5), r.GetString(6), Text(r, 7), r.GetInt64(8) == 1, [.. medications[r.GetString(0)]], [.. orders[r.GetString(0)]],
            [.. administrations[r.GetString(0)]], [.. procedures[r.GetString(0)]]), ct);
        return new PatientReport(patient, prescriptions, treatments);
    }

    /// <summary>Reads the reader's current result set, then moves it to the next one.</summary>
    private static async Task<List<T>> ReadSetAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        await reader.NextResultAsync(ct);
        return rows;
    }

    /// <summary>The items a pharmacy holds (claimed, not closed, prescription not expired), soonest validity end first.</summary>
    public async Task<IReadOnlyList<WorklistRow>> WorklistAsync(string pharmacy, int first, int offset, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, """
            SELECT p.chain, p.patient, p.valid_until, i.item, i.atc, i.national, i.name, i.unit, i.schedule, i.status,
                i.quantity, i.repeats, i.issues_started, COALESCE(s.dispensed, 0)
            FROM rm_prescriptions p JOIN rm_items i ON i.chain = p.chain
            LEFT JOIN rm_issues s ON s.chain = i.chain AND s.item = i.item AND s.issue = i.issues_started
            WHERE p.claimed_by = @pharmacy AND p.expired = 0 AND i.status IN ('with_dispenser', 'partly_dispensed')
            ORDER BY p.valid_until, p.chain, i.item LIMIT @first OFFSET @offset
            """, [("@pharmacy", pharmacy), ("@first", (long)first), ("@offset", (long)offset)], r =>
            {
                long quantity = r.GetInt64(10), repeats = r.GetInt64(11), started = r.GetInt64(12), dispensed = r.GetInt64(13);
                // The open issue when the last one started is not complete, else the next one.
                var open = started > 0 && dispensed < quantity;
                var issue = open ? started : started + 1;
                return new WorklistRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), Text(r, 4), Text(r, 5), r.GetString(6),
                    r.GetString(7), Text(r, 8), r.GetString(9), issue, open ? dispensed : 0, open ? quantity - dispensed : quantity,
                    repeats + 1 - issue);
            }, ct);
    }

    /// <summary>A pharmacy's dispensings, newest first; with a schedule, its controlled-drug register.</summary>
    public async Task<IReadOnlyList<DispensingRow>> DispensingLogAsync(string pharmacy, string? from, string? to, string? schedule,
        int first, int offset, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, $"""
            SELECT {DispensingColumns} FROM rm_dispensings d LEFT JOIN rm_institutions ph ON ph.id = d.pharmacy
            WHERE d.pharmacy = @pharmacy AND (@from IS NULL OR d.day >= @from) AND (@to IS NULL OR d.day <= @to)
                AND (@schedule IS NULL OR d.schedule = @schedule)
            ORDER BY d.at DESC, d.chain, d.seq LIMIT @first OFFSET @offset
            """, [("@pharmacy", pharmacy), ("@from", from), ("@to", to), ("@schedule", schedule), ("@first", (long)first), ("@offset", (long)offset)],
            ReadDispensing, ct);
    }

    /// <summary>
    /// A medical centre's prescription items with their status, newest first. <paramref name="filter"/>:
    /// <c>all</c>, <c>open</c>, <c>never_collected</c> (nothing dispensed and the prescription expired
    /// or past its validity at <paramref name="now"/>) or <c>not_dispensed</c>.
    /// </summary>
    public async Task<IReadOnlyList<TrackerRow>> TrackerAsync(string prescriber, string filter, DateTimeOffset now, int first, int offset,
        CancellationToken ct = default)
    {
        const string neverCollected = "(i.issues_started = 0 AND i.status NOT IN ('cancelled', 'not_dispensed') AND (p.expired = 1 OR p.valid_until <= @now))";
        var condition = filter switch
        {
            "all" => "1 = 1",
            "open" => "i.status IN ('active', 'with_dispenser', 'partly_dispensed') AND p.expired = 0 AND p.valid_until > @now",
            "never_collected" => neverCollected,
            "not_dispensed" => "i.status = 'not_dispensed'",
            _ => throw new LedgerException(ErrorCodes.InvalidArgument, $"Tracker filter '{filter}' is not all, open, never_collected or not_dispensed."),
        };
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, $"""
            SELECT {ItemColumns}, p.patient, p.issued_at, p.valid_until, p.expired, CASE WHEN {neverCollected} THEN 1 ELSE 0 END
            FROM rm_prescriptions p JOIN rm_items i ON i.chain = p.chain
            WHERE p.prescriber = @prescriber AND {condition}
            ORDER BY p.issued_at DESC, p.chain, i.item LIMIT @first OFFSET @offset
            """, [("@prescriber", prescriber), ("@now", LedgerTime.Format(now)), ("@first", (long)first), ("@offset", (long)offset)],
            r => new TrackerRow(r.GetString(0), r.GetString(14), r.GetString(15), r.GetString(16), r.GetInt64(17) == 1, ReadItem(r), r.GetInt64(18) == 1), ct);
    }

    internal static ItemRow ReadItem(DbDataReader r) => new(r.GetString(0), r.GetInt64(1), Text(r, 2), Text(r, 3), r.GetString(4), r.GetString(5),
        r.GetInt64(6), r.GetString(7), r.GetInt64(8), Text(r, 9), r.GetInt64(10), r.GetInt64(11), r.GetString(12), Text(r, 13));

    internal static DispensingRow ReadDispensing(DbDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4),
        r.GetInt64(5), r.GetString(6), Text(r, 7), Text(r, 8), r.GetString(9), Text(r, 10), Text(r, 11), Text(r, 12), r.GetString(13), Text(r, 14),
        r.GetString(15), r.GetString(16), r.GetString(17));

    internal static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static async Task<List<T>> QueryAsync<T>(DbConnection c, string sql, (string, object?)[] parameters, Func<DbDataReader, T> read,
        CancellationToken ct)
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
