namespace Ddl.Cluster.Tests.Grains;

/// <summary>A grain that registers a reminder and records every tick it receives.</summary>
public interface ITickGrain : IGrainWithStringKey
{
    Task StartTickingAsync(TimeSpan period);

    Task StopTickingAsync();
}
