namespace Ddl.Bench.Feeds;

/// <summary>What the figures were measured on: CPU model (/proc/cpuinfo), cores (nproc), memory (/proc/meminfo).</summary>
public sealed record Machine(string Cpu, int Cores, string Memory)
{
    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg): other work on the machine skews the figures.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static Machine Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB RAM" : "unknown memory";
        return new Machine(cpu, Environment.ProcessorCount, memory);
    }

    private static string? ReadField(string file, string name) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
            : null;
}
