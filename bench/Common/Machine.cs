using System.Runtime.InteropServices;
using Npgsql;

namespace Ddl.Bench.Common;

/// <summary>What the figures were measured on, read from the machine itself.</summary>
public sealed record Machine(string Cpu, int Cores, string Memory, string Os, string Runtime, string Postgres, string LoadAverage)
{
    public static async Task<Machine> DescribeAsync(string server)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) is { } line
                ? $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024.0:0.0} GiB"
                : "unknown"
            : "unknown";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SHOW server_version", connection);
        var postgres = "PostgreSQL " + await version.ExecuteScalarAsync();
        return new Machine(cpu, Environment.ProcessorCount, memory, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, postgres, Load());
    }

    /// <summary>The 1/5/15-minute load averages: others' work on a shared machine skews the figures.</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
