namespace Ddl.Store.Schedule;

/// <summary>
/// Durable "do this for that chain at that time" records, on the same database as the entries,
/// so that work the ledger owes itself (expiries, links between chains) survives any crash.
/// </summary>
public interface IScheduleStore
{
    /// <summary>Records (or moves) the work <paramref name="kind"/> for <paramref name="chain"/> due at <paramref name="dueAt"/>.</summary>
    Task ScheduleAsync(string chain, string kind, DateTimeOffset dueAt, CancellationToken ct = default) =>
        ScheduleAsync(chain, [(kind, dueAt)], ct);

    /// <summary>
    /// Records (or moves) several kinds of work for <paramref name="chain"/> in one commit: all of
    /// them or none. Each kind at most once.
    /// </summary>
    Task ScheduleAsync(string chain, IReadOnlyList<(string Kind, DateTimeOffset DueAt)> work, CancellationToken ct = default);

    /// <summary>Forgets the work once it is done; completing work that is not there is harmless.</summary>
    Task CompleteAsync(string chain, string kind, CancellationToken ct = default);

    /// <summary>Work due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<ScheduledWork>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default);
}

/// <summary>One piece of scheduled work.</summary>
/// <param name="Chain">The chain whose actor does the work.</param>
/// <param name="Kind">What to do, e.g. <c>expiry</c> or <c>link</c>.</param>
/// <param name="DueAt">When it is due.</param>
public sealed record ScheduledWork(string Chain, string Kind, DateTimeOffset DueAt);
