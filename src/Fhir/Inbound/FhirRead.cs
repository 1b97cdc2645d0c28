using System.Globalization;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// The small readings every mapper needs, each refusing with a message that names the FHIR
/// element (as a FHIRPath-like path) so that the sending system's developers can fix exactly that.
/// </summary>
public static class FhirRead
{
    public static LedgerException Unmappable(string path, string problem) =>
        new(ErrorCodes.FhirUnmappable, $"{path} {problem}.");

    /// <summary>A chain's local part, from a FHIR id or identifier value.</summary>
    public static string Local(string? value, string path) =>
        value is not null && ChainId.TryParse("patient:" + value, out _)
            ? value
            : throw Unmappable(path, "must be 1 to 64 of A-Z a-z 0-9 . _ - (it becomes the ledger id)");

    /// <summary><c>Patient/&lt;local&gt;</c> (relative or at the end of an absolute URL) to <c>patient:&lt;local&gt;</c>.</summary>
    public static string Patient(ResourceReference? subject, string path)
    {
        var local = ReferencedId(subject, "Patient", path)
            ?? throw Unmappable(path, "must reference the patient as Patient/<pseudonymous id>");
        return ChainId.KindName(ChainKind.Patient) + ":" + Local(local, path + ".reference");
    }

    /// <summary>The id in a reference <c>Type/id</c> (optionally absolute, optionally with _history), or null when it is not of that type.</summary>
    public static string? ReferencedId(ResourceReference? reference, string type, string path)
    {
        if (reference?.Reference is not { } text)
        {
            return null;
        }

        var parts = text.Split('/');
        var at = Array.LastIndexOf(parts, type);
        return at >= 0 && at + 1 < parts.Length && parts[at + 1].Length > 0 ? parts[at + 1] : null;
    }

    /// <summary>A quantity that must be a whole number of its unit: value, unit (the code when coded, else the text) and its system.</summary>
    public static (long Value, string Unit, string? System) WholeQuantity(Quantity? quantity, string path)
    {
        if (quantity?.Value is not { } value)
        {
            throw Unmappable(path, "is required, with a value and a unit");
        }

        if (quantity.Comparator is not null)
        {
            throw Unmappable(path + ".comparator", "cannot be recorded: the ledger records exact quantities");
        }

        if (value != decimal.Truncate(value) || value < 1 || value > 1_000_000_000)
        {
            throw new LedgerException(ErrorCodes.QuantityNotInteger,
                $"{path}.value is {value.ToString(CultureInfo.InvariantCulture)}; the ledger records whole numbers (1 to 1000000000) of a unit, so state it in a unit that makes it whole.");
        }

        var unit = quantity.Code ?? quantity.Unit;
        if (string.IsNullOrWhiteSpace(unit) || unit.Length > 32)
        {
            throw Unmappable(path, "needs a unit (code, or unit text) of at most 32 characters");
        }

        return ((long)value, unit, quantity.Code is null ? null : quantity.System);
    }

    /// <summary>
    /// A FHIR dateTime or date as a ledger time. A date alone means the start of that day (UTC), or
    /// for the end of a period the end of that day, since FHIR periods include their end date.
    /// </summary>
    public static DateTimeOffset Time(string? value, bool endOfPeriod, string path)
    {
        if (value is null)
        {
            throw Unmappable(path, "is required");
        }

        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfPeriod ? start.AddDays(1) : start;
        }

        return value.Contains('T') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw Unmappable(path, "must be a full date (yyyy-MM-dd) or a dateTime with a time zone");
    }

    /// <summary>The one element of a list the ledger can take, refusing when there are several.</summary>
    public static T? Single<T>(IReadOnlyList<T>? list, string path)
        where T : class =>
        list is null || list.Count == 0 ? null
        : list.Count == 1 ? list[0]
        : throw Unmappable(path, $"has {list.Count} elements; the ledger records one");
}
