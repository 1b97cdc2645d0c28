using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Ddl.Store.Reports.Rebuild;

/// <summary>
/// Where a rebuild writes its rows, inside its transaction: PostgreSQL takes them by binary COPY
/// (no statement per row to parse and plan), SQLite by one prepared INSERT run per row (a local
/// call, so that is already cheap). Values are text, bigint or null, as everywhere in the read model.
/// </summary>
internal abstract class RowSink
{
    public static RowSink For(DbConnection connection, DbTransaction transaction) => connection is NpgsqlConnection pg
        ? new PostgresRowSink(pg)
        : new SqliteRowSink(connection, transaction);

    public abstract Task WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct);

    private sealed class PostgresRowSink(NpgsqlConnection connection) : RowSink
    {
        public override async Task WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null:
                            await copy.WriteNullAsync(ct);
                            break;
                        case long n:
                            await copy.WriteAsync(n, NpgsqlDbType.Bigint, ct);
                            break;
                        case string s:
                            await copy.WriteAsync(s, NpgsqlDbType.Text, ct);
                            break;
                        default:
                            throw new InvalidOperationException($"A read-model value of type {value.GetType()} in {table}.");
                    }
                }
            }

            await copy.CompleteAsync(ct);
        }
    }

    private sealed class SqliteRowSink(DbConnection connection, DbTransaction transaction) : RowSink
    {
        public override async Task WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = columns.Select((_, i) =>
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i;
                command.Parameters.Add(p);
                return p;
            }).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
