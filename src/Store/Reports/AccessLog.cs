using Ddl.Ledger;

namespace Ddl.Store.Reports;

/// <summary>
/// Who read a patient's data (DOMAIN.md, Privacy): one row per patient per read by a party other
/// than the patient. A table beside the entries rather than ledger entries on the patient's
/// chain: reads are far more frequent than writes, and a ledger entry per read would turn every
/// report (a pharmacy's worklist names many patients) into signed writes serialized through each
/// patient's chain actor, and would put reading habits on the permanent, replicated ledger. The
/// table is append-only (the database refuses UPDATE and DELETE) and, not being derived from
/// entries, is never touched by a rebuild.
/// </summary>
public sealed class AccessLog
{
    private readonly ReportDatabase db;

    private AccessLog(ReportDatabase db) => this.db = db;

    /// <summary>The access log in the database of <paramref name="entries"/>.</summary>
    public static AccessLog For(IEntryStore entries) => new(ReportDatabase.For(entries));

    /// <summary>Records that <paramref name="reader"/> read these patients' data through <paramref name="field"/>, before the data is returned.</summary>
    public async Task RecordAsync(IEnumerable<string> patients, string reader, string readerRole, string field, DateTimeOffset at, CancellationToken ct = default)
    {
        var distinct = patients.Where(p => p != reader).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        await using var c = await db.OpenAsync(ct);
        await using var transaction = await c.BeginTransactionAsync(ct);
        foreach (var patient in distinct)
        {
            await using var insert = ReportDatabase.Command(c, transaction,
                "INSERT INTO ddl_access_log (patient, reader, reader_role, field, at) VALUES (@patient, @reader, @role, @field, @at)",
                [("@patient", patient), ("@reader", reader), ("@role", readerRole), ("@field", field), ("@at", LedgerTime.Format(at))]);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>The reads of one patient's data, newest first, after the id <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<AccessLogRow>> ListAsync(string patient, long? before, int first, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await ReportReader.QueryAsync(c, """
            SELECT id, reader, reader_role, field, at FROM ddl_access_log
            WHERE patient = @patient AND id < @before ORDER BY id DESC LIMIT @first
            """, [("@patient", patient), ("@before", before ?? long.MaxValue), ("@first", (long)first)],
            r => new AccessLogRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), ct);
    }
}
