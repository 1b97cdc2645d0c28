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
    private readonly ConcurrentDictionary<(string Point, string Chain), Task> armed = new();

    public void Arm(string point, string chain) => armed[(point, chain)] = Task.CompletedTask;

    /// <summary>
    /// Arms the point so that it holds whoever reaches it until <paramref name="release"/>
    /// completes, then throws: work queued behind the point meanwhile is in flight when it fails.
    /// </summary>
    public void ArmHeld(string point, string chain, Task release) => armed[(point, chain)] = release;

    public async Task HitAsync(string point, string chain)
    {
        if (armed.TryRemove((point, chain), out var release))
        {
            await release;
            throw new IOException($"Simulated crash at {point} for {chain}.");
        }
    }
}
