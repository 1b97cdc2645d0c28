namespace Ddl.Store.Schedule;

/// <summary>Checks shared by the schedule stores.</summary>
internal static class ScheduleWork
{
    /// <summary>
    /// One kind twice in one call has no single meaning (which due time wins?), and PostgreSQL's
    /// upsert refuses to touch a row twice in one statement: refuse it the same way on both engines.
    /// </summary>
    public static void RequireDistinct(IReadOnlyList<(string Kind, DateTimeOffset DueAt)> work)
    {
        if (work.Select(w => w.Kind).Distinct(StringComparer.Ordinal).Count() != work.Count)
        {
            throw new ArgumentException("Each kind of work may be scheduled at most once per call.", nameof(work));
        }
    }
}
