using Ddl.Store;
using Npgsql;
using NpgsqlTypes;

namespace Ddl.Bench.Reports;

/// <summary>
/// Writes signed entries straight into the entry store's tables in one transaction: a binary COPY
/// into ddl_entries, then the outbox rows an append writes in the entry's own commit (ddl_unsealed
/// for the notary, ddl_unprojected for the read model), as the store's batch append does. Every
/// entry is queued for the read model here, where the store queues only the types the read model
/// keeps; the others project to nothing, so the read model comes out the same. Only one generator
/// writes at a time, so the positions above the previous maximum are exactly the rows just copied.
/// </summary>
public static class EntryCopy
{
    public static async Task WriteAsync(NpgsqlDataSource db, IReadOnlyList<StoredEntry> entries, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        long before;
        await using (var max = new NpgsqlCommand("SELECT COALESCE(MAX(position), 0) FROM ddl_entries", connection, transaction))
        {
            before = (long)(await max.ExecuteScalarAsync(ct))!;
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ddl_entries (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in entries)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Chain, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Seq, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.Hash, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Prev, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Author, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Nonce, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.Type, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.RecordedAt, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(e.CanonicalJson, NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        foreach (var sql in new[]
        {
            "INSERT INTO ddl_unsealed (position, chain, seq, hash) SELECT position, chain, seq, hash FROM ddl_entries WHERE position > $1",
            "INSERT INTO ddl_unprojected (position) SELECT position FROM ddl_entries WHERE position > $1",
        })
        {
            await using var outbox = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            outbox.Parameters.Add(new NpgsqlParameter<long> { TypedValue = before });
            await outbox.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
