using System.Diagnostics;

namespace Ddl.Cluster.Tests.Support;

/// <summary>Polls until a condition holds, failing with the last observation after a bound.</summary>
public static class Eventually
{
    /// <summary>
    /// Runs <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>.
    /// Exceptions from the probe count as "not yet" (a cluster in failover refuses calls for a
    /// while); the last one is reported if time runs out. Returns the value and the time taken.
    /// </summary>
    public static async Task<(T Value, TimeSpan Elapsed)> MatchAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        var pause = every ?? TimeSpan.FromMilliseconds(250);
        object? last = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                    return (value, clock.Elapsed);
                last = value;
            }
            catch (Exception ex)
            {
                last = ex;
            }

            if (clock.Elapsed > within)
                throw new TimeoutException($"Not true after {within.TotalSeconds:0} s: {what}. Last seen: {Describe(last)}");
            await Task.Delay(pause);
        }
    }

    private static string Describe(object? last) => last switch
    {
        null => "nothing",
        Exception ex => $"{ex.GetType().Name}: {ex.Message}",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object>()) + "]",
        _ => last.ToString() ?? "null",
    };
}
