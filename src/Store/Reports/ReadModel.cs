using System.Data.Common;
using System.Globalization;
using System.Text;
using Ddl.Store.Reports.Rebuild;

namespace Ddl.Store.Reports;

/// <summary>
/// The read model's writer: projects the entries the outbox (<c>ddl_unprojected</c>) says are
/// owed, and rebuilds everything from the entries on demand.
/// <para>
/// Why it always equals a rebuild: the outbox row is written in the entry's own commit and
/// deleted in the commit that projects the entry, so every committed entry is projected exactly
/// once (entries of types outside <see cref="EntryProjection.Types"/> get no outbox row: they
/// produce no step, here or in a rebuild); projectors and rebuilds hold one lock, so they never
/// interleave; each entry's projection reads only its own chain's earlier rows, and a chain's
/// next entry is only appended after the previous one committed (its actor awaits each append),
/// so it has a higher position and is projected later. A rebuild projects the same entries in
/// position order, the same steps.
/// </para>
/// </summary>
public sealed class ReadModel
{
    private readonly ReportDatabase db;

    private ReadModel(ReportDatabase db) => this.db = db;

    /// <summary>The read model in the database of <paramref name="entries"/>.</summary>
    public static ReadModel For(IEntryStore entries) => new(ReportDatabase.For(entries));

    internal ReportDatabase Database => db;

    /// <summary>Projects up to <paramref name="limit"/> owed entries in one transaction; returns how many.</summary>
    public async Task<int> ProjectPendingAsync(int limit = 500, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await db.BeginProjectionAsync(connection, ct);
        // The limit is taken on the outbox first, so the join is a lookup per owed entry. Written as
        // a plain join with the limit outside, PostgreSQL chose a merge join that walked
        // ddl_entries from its first row on every round: a round cost time proportional to the
        // whole ledger, and the projector fell further behind the busier the ledger was.
        var owed = await ReadEntriesAsync(connection, transaction, $"""
            SELECT {OwedColumns}
            FROM (SELECT position FROM ddl_unprojected ORDER BY position LIMIT @limit) u
            JOIN ddl_entries e ON e.position = u.position
            ORDER BY u.position
            """, [("@limit", (long)limit)], ct);
        if (owed.Count == 0)
        {
            return 0;
        }

        await ProjectAsync(connection, transaction, owed, ct);
        // By the positions read, never by a range: on PostgreSQL a lower position may still be
        // uncommitted, and its outbox row must survive until it is projected.
        var positions = string.Join(",", owed.Select(e => e.Position.ToString(CultureInfo.InvariantCulture)));
        await using (var delete = ReportDatabase.Command(connection, transaction, $"DELETE FROM ddl_unprojected WHERE position IN ({positions})", []))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return owed.Count;
    }

    /// <summary>Projects until nothing is owed; returns how many entries were projected.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        long total = 0;
        int round;
        while ((round = await ProjectPendingAsync(1000, ct)) > 0)
        {
            total += round;
        }

        return total;
    }

    /// <summary>How many committed entries are not projected yet.</summary>
    public async Task<long> PendingAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = ReportDatabase.Command(connection, null, "SELECT COUNT(*) FROM ddl_unprojected", []);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Empties the derived tables and projects every entry again, in one transaction: readers see
    /// the old model until it commits. Appends go on meanwhile (on SQLite they wait for the commit).
    /// <para>
    /// A rebuild folds the entries in memory (<see cref="ReadModelFold"/>, equal to projecting them
    /// one by one) and writes each table in bulk, rather than running each entry's SQL steps: at
    /// ten million entries the steps would take hours. Pages are read in position order; while
    /// the database reads the next page, both cores parse this one.
    /// </para>
    /// </summary>
    /// <param name="progress">Entries read so far, after each page.</param>
    /// <param name="pageSize">Entries read per round trip.</param>
    /// <param name="rowsPerCopy">Append-only rows (dispensings, administrations, procedures) gathered before they are written.</param>
    /// <param name="ct">Cancels the rebuild (nothing is committed).</param>
    /// <returns>The number of entries read.</returns>
    public async Task<long> RebuildAsync(IProgress<long>? progress = null, int pageSize = 10_000, int rowsPerCopy = 50_000, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        long done = 0;
        try
        {
            await using var transaction = await db.BeginRebuildAsync(connection, ct);
            await using (var empty = ReportDatabase.Command(connection, transaction, db.EmptySql, []))
            {
                empty.CommandTimeout = 0;
                await empty.ExecuteNonQueryAsync(ct);
            }

            var fold = new ReadModelFold();
            var sink = RowSink.For(connection, transaction);
            var page = await ReadPageAsync(connection, transaction, 0, pageSize, ct);
            while (page.Count > 0)
            {
                var current = page;
                var parsing = Task.Run(() =>
                {
                    var facts = new EntryFact[current.Count];
                    Parallel.For(0, current.Count, new ParallelOptions { CancellationToken = ct }, i => facts[i] = EntryFact.Read(current[i]));
                    return facts;
                }, ct);
                page = await ReadPageAsync(connection, transaction, current[^1].Position, pageSize, ct);
                foreach (var fact in await parsing)
                {
                    fold.Apply(fact);
                }

                if (fold.Unwritten >= rowsPerCopy || page.Count == 0)
                {
                    await WriteRowsAsync(fold, sink, ct);
                }

                done += current.Count;
                progress?.Report(done);
            }

            foreach (var (table, columns, rows) in fold.FinalTables())
            {
                await sink.WriteAsync(table, columns, rows, ct);
            }

            // Corrections of rows written in an earlier page, in entry order.
            foreach (var (chain, seq, quantity) in fold.Corrections)
            {
                await using var update = ReportDatabase.Command(connection, transaction, "UPDATE rm_dispensings SET quantity = @q WHERE chain = @chain AND seq = @seq",
                    [("@q", quantity), ("@chain", chain), ("@seq", seq)]);
                await update.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            if (db.AfterRebuildSql is { } after)
            {
                await using var tidy = ReportDatabase.Command(connection, null, after, []);
                tidy.CommandTimeout = 0;
                await tidy.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.EndRebuildAsync(connection, CancellationToken.None);
        }

        return done;
    }

    private static async Task WriteRowsAsync(ReadModelFold fold, RowSink sink, CancellationToken ct)
    {
        await sink.WriteAsync("rm_dispensings", ReadModelFold.DispensingColumns, fold.Dispensings, ct);
        await sink.WriteAsync("rm_administrations", ReadModelFold.AdministrationColumns, fold.Administrations, ct);
        await sink.WriteAsync("rm_procedures", ReadModelFold.ProcedureColumns, fold.Procedures, ct);
        fold.TakeRows();
    }

    private static Task<List<StoredEntry>> ReadPageAsync(DbConnection connection, DbTransaction transaction, long after, int pageSize, CancellationToken ct) =>
        ReadEntriesAsync(connection, transaction,
            $"SELECT {Columns("e")} FROM ddl_entries e WHERE e.position > @after ORDER BY e.position LIMIT @limit",
            [("@after", after), ("@limit", (long)pageSize)], ct);

    /// <summary>Every derived row in a fixed order, as text: two read models are equal when their dumps are.</summary>
    public async Task<string> DumpAsync(CancellationToken ct = default)
    {
        var text = new StringBuilder();
        await using var connection = await db.OpenAsync(ct);
        foreach (var table in ReportDatabase.DerivedTables.Split(", "))
        {
            text.Append("## ").AppendLine(table);
            await using var command = ReportDatabase.Command(connection, null, $"SELECT * FROM {table}", []);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells[i] = reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }

                rows.Add(string.Join("|", cells));
            }

            rows.Sort(StringComparer.Ordinal);
            rows.ForEach(r => text.AppendLine(r));
        }

        return text.ToString();
    }

    private static async Task ProjectAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredEntry> entries, CancellationToken ct)
    {
        var steps = entries.SelectMany(EntryProjection.Steps).ToList();
        if (connection.CanCreateBatch)
        {
            // PostgreSQL: one round trip for the whole page, statements run in order.
            foreach (var chunk in steps.Chunk(1000))
            {
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var step in chunk)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = step.Sql;
                    foreach (var (name, value) in step.Parameters)
                    {
                        var p = command.CreateParameter();
                        p.ParameterName = name;
                        p.Value = value ?? DBNull.Value;
                        if (value is null)
                        {
                            p.DbType = System.Data.DbType.String;
                        }

                        command.Parameters.Add(p);
                    }

                    batch.BatchCommands.Add(command);
                }

                // Prepared: PostgreSQL otherwise parses and plans every statement of every round
                // anew. A dispensing is five statements, and planning them cost about three times
                // their execution (PostgreSQL CPU per dispensing 464 -> 141 µs, bench/Write
                // prescriptions). Npgsql keeps a prepared statement per connection and SQL text,
                // so only the first round on a connection prepares; a statement whose parameter
                // types differ from the prepared ones runs unprepared.
                await batch.PrepareAsync(ct);
                await batch.ExecuteNonQueryAsync(ct);
            }

            return;
        }

        foreach (var step in steps)
        {
            await using var command = ReportDatabase.Command(connection, transaction, step.Sql, step.Parameters);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // The projector's columns: an entry of a type the read model does not keep (notes, patient
    // links, keys) is no longer queued, but rows queued before that, or by a bulk load, may still
    // be owed; such a row only has its outbox row cleared, so its document, the bulk of the row,
    // is not fetched (an empty text stands in for it). Both engines take the literal list.
    private static readonly string OwedColumns = Columns("e",
        $"CASE WHEN e.type IN ({EntryProjection.TypesSql}) THEN e.canonical_json ELSE '' END");

    private static string Columns(string alias, string? document = null) =>
        string.Join(", ", new[] { "chain", "seq", "hash", "prev", "author", "nonce", "type", "recorded_at", "canonical_json", "position" }
            .Select(c => c == "canonical_json" && document is not null ? document : alias + "." + c));

    private static async Task<List<StoredEntry>> ReadEntriesAsync(DbConnection connection, DbTransaction transaction, string sql,
        (string, object?)[] parameters, CancellationToken ct)
    {
        await using var command = ReportDatabase.Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<StoredEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new StoredEntry(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt64(9)));
        }

        return entries;
    }
}
