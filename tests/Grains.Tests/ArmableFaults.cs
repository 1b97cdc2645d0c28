using System.Collections.Concurrent;
using Ddl.Grains.Chains;

namespace Ddl.Grains.Tests;

/// <summary>
/// A crash at an exact line cannot be produced by a real part, so this fake stands in for it:
/// armed for a chain, it throws at the named point, as if the process died right there (the
/// work before the point is durable; nothing after it runs).
/// </summary>
public sealed class ArmableFaults : IFaultPoints
{
    private readonly ConcurrentDictionary<(string Point, string Chain), int> armed = new();

    public void Arm(string point, string chain) => armed[(point, chain)] = 1;

    public Task HitAsync(string point, string chain) =>
        armed.TryRemove((point, chain), out _)
            ? throw new IOException($"Simulated crash at {point} for {chain}.")
            : Task.CompletedTask;
}
