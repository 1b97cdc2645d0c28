using Npgsql;
using NpgsqlTypes;

namespace Ddl.Store.Postgres;

/// <summary>
/// Typed positional parameters: an explicit type is what lets a command be prepared, and the
/// generic parameter avoids boxing on the hot paths.
/// </summary>
internal static class PostgresParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string value) =>
        command.Add(new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text });

    public static NpgsqlCommand With(this NpgsqlCommand command, long value) =>
        command.Add(new NpgsqlParameter<long> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bigint });

    public static NpgsqlCommand With(this NpgsqlCommand command, int value) =>
        command.Add(new NpgsqlParameter<int> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer });

    public static NpgsqlCommand With(this NpgsqlCommand command, string[] values) =>
        command.Add(new NpgsqlParameter<string[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

    public static NpgsqlCommand With(this NpgsqlCommand command, long[] values) =>
        command.Add(new NpgsqlParameter<long[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });

    public static NpgsqlCommand WithEntry(this NpgsqlCommand command, StoredEntry entry) =>
        command.With(entry.Chain).With(entry.Seq).With(entry.Hash).With(entry.Prev).With(entry.Author)
            .With(entry.Nonce).With(entry.Type).With(entry.RecordedAt).With(entry.CanonicalJson);

    private static NpgsqlCommand Add(this NpgsqlCommand command, NpgsqlParameter parameter)
    {
        command.Parameters.Add(parameter);
        return command;
    }
}
