namespace Ddl.Store;

/// <summary>
/// Checks the columns the store indexes, before any SQL runs, so a malformed entry fails with a
/// message that names the field instead of a constraint error (or, in a batch, instead of
/// sinking the whole statement). The canonical JSON stays opaque.
/// </summary>
internal static class EntryValidation
{
    public static void Validate(StoredEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireText(entry.Chain, nameof(StoredEntry.Chain));
        RequireText(entry.Author, nameof(StoredEntry.Author));
        RequireText(entry.Nonce, nameof(StoredEntry.Nonce));
        RequireText(entry.Type, nameof(StoredEntry.Type));
        RequireText(entry.RecordedAt, nameof(StoredEntry.RecordedAt));
        RequireText(entry.CanonicalJson, nameof(StoredEntry.CanonicalJson));
        if (entry.Seq < 0)
            throw new ArgumentException($"Entry {entry.Chain}: Seq must be 0 or more, not {entry.Seq}.", nameof(entry));
        RequireHash(entry, entry.Hash, nameof(StoredEntry.Hash));
        RequireHash(entry, entry.Prev, nameof(StoredEntry.Prev));
    }

    public static void ValidateAll(IReadOnlyList<StoredEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
            Validate(entry);
    }

    private static void RequireText(string? value, string field)
    {
        // PostgreSQL text cannot hold NUL; refusing it on both engines keeps them interchangeable.
        if (string.IsNullOrEmpty(value) || value.Contains('\0'))
            throw new ArgumentException($"Entry field {field} must be non-empty text without NUL characters.", field);
    }

    private static void RequireHash(StoredEntry entry, string value, string field)
    {
        if (!IsLowerHexSha256(value))
            throw new ArgumentException(
                $"Entry {entry.Chain}#{entry.Seq}: {field} must be 64 lowercase hex characters, not \"{value}\".", field);
    }

    private static bool IsLowerHexSha256(string value)
    {
        if (value.Length != 64)
            return false;
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
                return false;
        }
        return true;
    }
}
