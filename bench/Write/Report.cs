using System.Diagnostics;
using System.Text;

namespace Ddl.Bench.Write;

/// <summary>One row of a figure table.</summary>
public sealed record Row(string Figure, string Median, string P99, string Target, string Ratio, string Verdict);

/// <summary>
/// Keeps one markdown fragment per benchmark (bench/Write/results/NAME.md) and rebuilds the write
/// section of BENCHMARKS.md (between its markers) from them; other sections are left as they are.
/// </summary>
public static class Report
{
    private const string Start = "<!-- write:start -->";
    private const string End = "<!-- write:end -->";

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(Environment.GetEnvironmentVariable("DDL_BENCH_ROOT") ?? Directory.GetCurrentDirectory());
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DdlOrleans.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public static string Commit() => Environment.GetEnvironmentVariable("DDL_BENCH_COMMIT") ?? Run("git", $"-C {RepoRoot} rev-parse --short HEAD").Trim();

    public static string Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }
        catch (Exception e) { return $"({file} failed: {e.Message})"; }
    }

    public static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?";
        var mem = Run("free", "-g").Split('\n').FirstOrDefault(l => l.StartsWith("Mem:"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var pg = Environment.GetEnvironmentVariable("DDL_BENCH_PG_VERSION") ?? "PostgreSQL";
        return $"{model}, nproc {Environment.ProcessorCount}, {(mem.Length > 1 ? mem[1] : "?")} GiB RAM (free -g total), {pg} (fsync on, synchronous_commit on), .NET {Environment.Version}";
    }

    public static void Write(string name, string title, string command, IEnumerable<Row> rows, IEnumerable<string> details)
    {
        var md = new StringBuilder();
        md.AppendLine($"### {title}").AppendLine();
        md.AppendLine($"Command: `{command}` — measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{Commit()}`; machine: {Machine()}.").AppendLine();
        md.AppendLine("| figure | median | p99 | target (issue 8) | ratio to raw ceiling | verdict |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows) md.AppendLine($"| {r.Figure} | {r.Median} | {r.P99} | {r.Target} | {r.Ratio} | {r.Verdict} |");
        md.AppendLine();
        foreach (var d in details) md.AppendLine(d);
        var dir = Path.Combine(RepoRoot, "bench", "Write", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".md"), md.ToString());
        Rebuild();
    }

    private static readonly string[] Order = ["summary", "grains", "graphql-batch", "graphql-single", "hot-chain", "prescriptions", "scaling", "growth", "memory", "verify", "micro"];

    public static void Rebuild()
    {
        var dir = Path.Combine(RepoRoot, "bench", "Write", "results");
        var section = new StringBuilder();
        section.AppendLine(Start);
        section.AppendLine("## Write path (issue 8)").AppendLine();
        section.AppendLine("Produced by `bench/write.sh` (bench/Write): each command below rewrites its own block. All end-to-end figures but the prescriptions block use client-signed " +
            "`patient.note` entries (about 560 bytes of canonical JSON each; a type the read model does not keep, so no projection work is in these figures; the prescriptions block measures the clinical path with its projection), pre-signed before timing, written through the real host (`DdlHost`, silo + GraphQL " +
            $"in one process) to PostgreSQL with fsync and synchronous_commit on. Raw ceiling: {Ceiling.Description}, measured right after each run on the rows that run wrote; " +
            "ratio = DDL rate / ceiling rate of the same run. Throughput medians are over the repeats stated; p50/p99 are per-request latencies of the median run. " +
            "Each run prints the load average before and after; it counts the benchmark's own runnable threads and its PostgreSQL too (it reaches 5–20 with nothing else running on the 2 cores), so it compares runs rather than showing other work.").AppendLine();
        if (Directory.Exists(dir))
        {
            var files = Directory.GetFiles(dir, "*.md").OrderBy(f => Array.IndexOf(Order, Path.GetFileNameWithoutExtension(f)) is var i && i < 0 ? 99 : i);
            foreach (var f in files) section.AppendLine(File.ReadAllText(f).TrimEnd()).AppendLine();
        }
        section.Append(End);

        var path = Path.Combine(RepoRoot, "BENCHMARKS.md");
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var s = text.IndexOf(Start, StringComparison.Ordinal);
        var e = text.IndexOf(End, StringComparison.Ordinal);
        text = s >= 0 && e > s
            ? text[..s] + section + text[(e + End.Length)..]
            : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
    }

    public static string Rate(double v) => double.IsNaN(v) ? "—" : $"{v:N0}/s";
    public static string Ms(double v) => double.IsNaN(v) ? "—" : $"{v:0.0} ms";
}
