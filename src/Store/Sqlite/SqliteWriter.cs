using Ddl.Store.Reports;
using Microsoft.Data.Sqlite;

namespace Ddl.Store.Sqlite;

/// <summary>
/// The store's one write connection. Only one caller uses it at a time (the store's gate), and
/// its commands are kept, so SQLite keeps their statements prepared between appends.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    // SQLITE_CONSTRAINT_UNIQUE: a UNIQUE index refused the row.
    private const int ConstraintUnique = 2067;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _seqTaken;
    private readonly SqliteCommand _findByNonce;
    private readonly SqliteCommand _queueUnsealed;
    private readonly SqliteCommand _queueUnprojected;

    private SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insert = Command(SqliteSql.Insert, "@chain", "@seq", "@hash", "@prev", "@author", "@nonce", "@type", "@recorded_at", "@canonical_json");
        _seqTaken = Command(SqliteSql.SeqTaken, "@chain", "@seq");
        _findByNonce = Command(SqliteSql.FindByNonce, "@author", "@nonce");
        _queueUnsealed = Command(SqliteSql.QueueUnsealed, "@position", "@chain", "@seq", "@hash");
        _queueUnprojected = Command(SqliteSql.QueueUnprojected, "@position");
    }

    public static SqliteWriter Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = new SqliteCommand(SqliteSql.WriterPragmas, connection);
            pragmas.ExecuteNonQuery();
            return new SqliteWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Migrate() => SqliteMigrator.Migrate(_connection);

    public AppendOutcome Append(StoredEntry entry)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var outcome = Insert(entry, transaction);
        if (outcome is AppendOutcome.Conflict conflict)
            throw new ChainConflictException(conflict.Chain, conflict.Seq);
        if (outcome is AppendOutcome.Appended)
            transaction.Commit();
        return outcome;
    }

    public IReadOnlyList<AppendOutcome> AppendBatch(IReadOnlyList<StoredEntry> entries)
    {
        // One transaction, one fsync. A constraint error aborts only its own statement in
        // SQLite, so the entries before and after it are still committed together.
        using var transaction = _connection.BeginTransaction(deferred: false);
        var outcomes = new AppendOutcome[entries.Count];
        // A chain's next entry never lands behind a gap its predecessor in this batch left: it is
        // written only once an entry of the batch holding the predecessor's seq was.
        // Linked entries go in (chain, seq) order, as on PostgreSQL, so that n is tried before n + 1.
        var inBatch = BatchLinks.HasLinks(entries) ? entries.Select(e => (e.Chain, e.Seq)).ToHashSet() : null;
        var order = Enumerable.Range(0, entries.Count);
        if (inBatch is not null)
            order = order.OrderBy(i => entries[i].Chain, StringComparer.Ordinal).ThenBy(i => entries[i].Seq).ThenBy(i => i);
        var written = new HashSet<(string Chain, long Seq)>();
        foreach (var i in order)
        {
            var entry = entries[i];
            var before = (entry.Chain, entry.Seq - 1);
            outcomes[i] = inBatch is not null && inBatch.Contains(before) && !written.Contains(before)
                ? new AppendOutcome.Conflict(entry.Chain, entry.Seq)
                : Insert(entry, transaction);
            if (inBatch is not null && outcomes[i] is AppendOutcome.Appended)
                written.Add((entry.Chain, entry.Seq));
        }
        transaction.Commit();
        return outcomes;
    }

    private AppendOutcome Insert(StoredEntry entry, SqliteTransaction transaction)
    {
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        p[0].Value = entry.Chain;
        p[1].Value = entry.Seq;
        p[2].Value = entry.Hash;
        p[3].Value = entry.Prev;
        p[4].Value = entry.Author;
        p[5].Value = entry.Nonce;
        p[6].Value = entry.Type;
        p[7].Value = entry.RecordedAt;
        p[8].Value = entry.CanonicalJson;
        try
        {
            var position = _insert.ExecuteScalar();
            if (position is long assigned)
            {
                QueueForNotaryAndReadModel(assigned, entry, transaction);
                return new AppendOutcome.Appended(entry with { Position = assigned });
            }
            // No row came back: the (author, nonce) upsert target matched, nothing was written.
            return new AppendOutcome.DuplicateNonce(
                FindByNonce(entry.Author, entry.Nonce, transaction)
                ?? throw new InvalidOperationException($"Nonce {entry.Author}/{entry.Nonce} was refused as a duplicate but cannot be found."));
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintUnique && IsSeqTaken(entry, transaction))
        {
            // SQLite names no constraint in a structured field. The nonce clash is handled by the
            // upsert and position is never supplied, so the only unique key left is (chain, seq);
            // asking the index itself confirms it without parsing the message.
            return new AppendOutcome.Conflict(entry.Chain, entry.Seq);
        }
    }

    private void QueueForNotaryAndReadModel(long position, StoredEntry entry, SqliteTransaction transaction)
    {
        _queueUnsealed.Transaction = transaction;
        var p = _queueUnsealed.Parameters;
        p[0].Value = position;
        p[1].Value = entry.Chain;
        p[2].Value = entry.Seq;
        p[3].Value = entry.Hash;
        _queueUnsealed.ExecuteNonQuery();
        if (!EntryProjection.Types.Contains(entry.Type))
        {
            return; // changes nothing in the read model, so the projector is owed nothing (PostgresSql.InsertBatch)
        }

        _queueUnprojected.Transaction = transaction;
        _queueUnprojected.Parameters[0].Value = position;
        _queueUnprojected.ExecuteNonQuery();
    }

    private bool IsSeqTaken(StoredEntry entry, SqliteTransaction transaction)
    {
        _seqTaken.Transaction = transaction;
        _seqTaken.Parameters[0].Value = entry.Chain;
        _seqTaken.Parameters[1].Value = entry.Seq;
        return _seqTaken.ExecuteScalar() is not null;
    }

    private StoredEntry? FindByNonce(string author, string nonce, SqliteTransaction transaction)
    {
        _findByNonce.Transaction = transaction;
        _findByNonce.Parameters[0].Value = author;
        _findByNonce.Parameters[1].Value = nonce;
        using var reader = _findByNonce.ExecuteReader();
        return reader.Read() ? EntryRows.Read(reader) : null;
    }

    private SqliteCommand Command(string sql, params string[] parameterNames)
    {
        var command = new SqliteCommand(sql, _connection);
        foreach (var name in parameterNames)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _seqTaken.Dispose();
        _findByNonce.Dispose();
        _queueUnsealed.Dispose();
        _queueUnprojected.Dispose();
        _connection.Dispose();
    }
}
