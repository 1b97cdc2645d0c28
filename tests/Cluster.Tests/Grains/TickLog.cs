using System.Collections.Concurrent;

namespace Ddl.Cluster.Tests.Grains;

/// <summary>One reminder tick: which silo's activation received it, and when.</summary>
public sealed record Tick(string Silo, DateTimeOffset At);

/// <summary>
/// Every tick of every <see cref="TickGrain"/>, kept outside the grains: the silos of the
/// in-process cluster share this process, and a grain's own memory dies with its silo.
/// </summary>
public static class TickLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Tick>> Ticks = new(StringComparer.Ordinal);

    public static void Record(string grain, string silo) =>
        Ticks.GetOrAdd(grain, _ => new ConcurrentQueue<Tick>()).Enqueue(new Tick(silo, DateTimeOffset.UtcNow));

    public static IReadOnlyList<Tick> Of(string grain) =>
        Ticks.TryGetValue(grain, out var ticks) ? ticks.ToArray() : [];
}
