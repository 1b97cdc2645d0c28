using System.Data.Common;

namespace Ddl.Store;

/// <summary>
/// Every query that returns whole entries selects <see cref="Columns"/> in this order, so one
/// reader serves both engines.
/// </summary>
internal static class EntryRows
{
    public const string Columns =
        "position, chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json";

    public static StoredEntry Read(DbDataReader reader) => new(
        Chain: reader.GetString(1),
        Seq: reader.GetInt64(2),
        Hash: reader.GetString(3),
        Prev: reader.GetString(4),
        Author: reader.GetString(5),
        Nonce: reader.GetString(6),
        Type: reader.GetString(7),
        RecordedAt: reader.GetString(8),
        CanonicalJson: reader.GetString(9),
        Position: reader.GetInt64(0));

    public static async Task<List<StoredEntry>> ReadAllAsync(DbDataReader reader, CancellationToken ct)
    {
        var entries = new List<StoredEntry>();
        while (await reader.ReadAsync(ct))
            entries.Add(Read(reader));
        return entries;
    }

    public static async Task<StoredEntry?> ReadSingleAsync(DbDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct) ? Read(reader) : null;
}
