using Npgsql;

namespace Ddl.Store.Postgres;

/// <summary>
/// A batch append: one multi-row INSERT from array parameters that skips clashing rows, then,
/// only if some were skipped, one read that tells a nonce duplicate from a seq conflict.
/// </summary>
internal static class PostgresBatchAppend
{
    public static async Task<IReadOnlyList<AppendOutcome>> RunAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<StoredEntry> entries, CancellationToken ct)
    {
        var outcomes = new AppendOutcome?[entries.Count];
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!BatchLinks.HasLinks(entries))
        {
            // A single statement outside a transaction block is its own transaction: all rows
            // commit together, durably (synchronous_commit stays on), when this returns.
            await InsertAsync(connection, entries, outcomes, ct);
            return Array.ConvertAll(outcomes, outcome => outcome!);
        }

        // Consecutive entries of a chain share this batch: if n is skipped (its nonce or seq was
        // taken) n + 1 must not be written either. Which rows get skipped is only known after the
        // insert, so the batch runs in a transaction that is rolled back and retried without the
        // orphaned rows when that happens (rare: it takes a lost race or a reused nonce).
        var active = Enumerable.Range(0, entries.Count).ToList();
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var batch = active.ConvertAll(i => entries[i]);
            var attempt = new AppendOutcome?[batch.Count];
            await InsertAsync(connection, batch, attempt, ct);
            for (var b = 0; b < active.Count; b++)
                outcomes[active[b]] = attempt[b];

            // Over the whole batch, so that rows left out by an earlier attempt count as not written.
            var orphans = BatchLinks.Orphans(entries, outcomes);
            if (orphans.Count == 0)
            {
                await transaction.CommitAsync(ct);
                return Array.ConvertAll(outcomes, outcome => outcome!);
            }

            await transaction.RollbackAsync(ct);
            foreach (var i in orphans)
            {
                outcomes[i] = new AppendOutcome.Conflict(entries[i].Chain, entries[i].Seq);
                active.Remove(i);
            }
        }
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, IReadOnlyList<StoredEntry> entries, AppendOutcome?[] outcomes, CancellationToken ct)
    {
        if (entries.Count == 0)
            return;

        // Rows written, by (chain, seq): that key is unique, so each written row is found once.
        var written = new Dictionary<(string Chain, long Seq), (long Position, string Author, string Nonce)>(entries.Count);
        await using (var insert = new NpgsqlCommand(PostgresSql.InsertBatch, connection))
        {
            insert.With(Column(entries, e => e.Chain)).With(Column(entries, e => e.Seq))
                .With(Column(entries, e => e.Hash)).With(Column(entries, e => e.Prev))
                .With(Column(entries, e => e.Author)).With(Column(entries, e => e.Nonce))
                .With(Column(entries, e => e.Type)).With(Column(entries, e => e.RecordedAt))
                .With(Column(entries, e => e.CanonicalJson));
            await insert.PrepareAsync(ct);
            await using var reader = await insert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                written[(reader.GetString(1), reader.GetInt64(2))] = (reader.GetInt64(0), reader.GetString(3), reader.GetString(4));
        }

        var skipped = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // The written row is this entry only if its nonce matches too, and it is claimed once:
            // a second identical entry in the same batch was skipped.
            if (written.TryGetValue((entry.Chain, entry.Seq), out var row) && row.Author == entry.Author && row.Nonce == entry.Nonce)
            {
                outcomes[i] = new AppendOutcome.Appended(entry with { Position = row.Position });
                written.Remove((entry.Chain, entry.Seq));
            }
            else
            {
                skipped.Add(i);
            }
        }

        if (skipped.Count > 0)
            await ClassifySkippedAsync(connection, entries, skipped, outcomes, ct);
    }

    // A skipped row clashed with a committed row on one of the two keys (rows are never
    // deleted, so that row is still there). This runs as a new statement, so it sees rows that
    // concurrent transactions committed after the insert's snapshot. The nonce is checked first,
    // as in a single append: a resubmission is a duplicate even if its seq is also taken.
    private static async Task ClassifySkippedAsync(
        NpgsqlConnection connection, IReadOnlyList<StoredEntry> entries, List<int> skipped, AppendOutcome?[] outcomes, CancellationToken ct)
    {
        var existing = new Dictionary<(string Author, string Nonce), StoredEntry>();
        await using (var find = new NpgsqlCommand(PostgresSql.FindByNonces, connection))
        {
            find.With(skipped.Select(i => entries[i].Author).ToArray())
                .With(skipped.Select(i => entries[i].Nonce).ToArray());
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var entry = EntryRows.Read(reader);
                existing[(entry.Author, entry.Nonce)] = entry;
            }
        }

        foreach (var i in skipped)
        {
            var entry = entries[i];
            outcomes[i] = existing.TryGetValue((entry.Author, entry.Nonce), out var original)
                ? new AppendOutcome.DuplicateNonce(original)
                : new AppendOutcome.Conflict(entry.Chain, entry.Seq);
        }
    }

    private static T[] Column<T>(IReadOnlyList<StoredEntry> entries, Func<StoredEntry, T> field)
    {
        var column = new T[entries.Count];
        for (var i = 0; i < column.Length; i++)
            column[i] = field(entries[i]);
        return column;
    }
}
