using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Tests.Support;

namespace Ddl.Bench.Write;

/// <summary>
/// `ddl verify` on a large export: the export (ddl.export.v1, no checkpoint) is synthesised here
/// with real signatures and hash links (an authority-registered institution writing patient.note
/// entries over many chains), then the real CLI is run on it under /usr/bin/time.
/// </summary>
public static class VerifyBench
{
    public static async Task RunAsync(Options o)
    {
        int entries = o.Int("verify-entries", 1_000_000), chains = o.Int("verify-chains", 10_000), repeats = o.Int("verify-repeats", 2);
        var cli = Environment.GetEnvironmentVariable("DDL_BENCH_CLI") ?? Path.Combine(Report.RepoRoot, "src", "Cli", "bin", "Release", "net10.0", "ddl.dll");
        if (!File.Exists(cli)) throw new FileNotFoundException("Build the CLI first: dotnet build -c Release src/Cli", cli);
        var file = Path.Combine(Path.GetTempPath(), $"ddl-bench-export-{Guid.NewGuid():N}.json");
        try
        {
            var make = Stopwatch.StartNew();
            Write(file, entries, chains);
            Console.WriteLine($"  export of {entries:N0} entries ({new FileInfo(file).Length / 1024 / 1024:N0} MiB) made in {make.Elapsed.TotalSeconds:0} s");
            var runs = new List<(double Wall, double User, double Sys, long MaxRssKiB, string Load)>();
            for (var r = 0; r < repeats; r++)
            {
                var load = Measure.LoadAverage();
                var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "TIME %e %U %S %M", "dotnet", cli, "verify", file])
                    { RedirectStandardError = true, RedirectStandardOutput = true };
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = await p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync();
                var output = await stdout;
                var t = stderr.Split('\n').Last(l => l.StartsWith("TIME ")).Split(' ');
                if (p.ExitCode != 0) throw new InvalidOperationException($"ddl verify exited {p.ExitCode}: {output} {stderr}");
                var run = (double.Parse(t[1]), double.Parse(t[2]), double.Parse(t[3]), long.Parse(t[4]), $"{load}→{Measure.LoadAverage()}");
                runs.Add(run);
                Console.WriteLine($"  verify: {run.Item1:0.0} s wall, {run.Item2:0.0} s user, {run.Item3:0.0} s sys, max RSS {run.Item4 / 1024:N0} MiB, load {run.Item5}; {output.Trim().Split('\n').Last()}");
            }
            var walls = runs.Select(r => r.Wall).ToList();
            var wall = Stats.Median(walls);
            var med = runs.OrderBy(r => r.Wall).ElementAt(runs.Count / 2);
            var cores = (med.User + med.Sys) / med.Wall;
            var total = entries + 1;
            Report.Write("verify", $"Offline verification: `ddl verify` on a {total:N0}-entry export", Commands_Cmd(o),
            [
                new($"`ddl verify` entries/s ({total:N0} entries, {chains:N0} chains + 1 institution chain, whole command incl. reading the file)",
                    Report.Rate(total / wall), $"{walls.Max():0.0} s slowest of {repeats}", "≥ 15,000/s, using both cores", "—",
                    $"{(total / wall >= 15000 ? "meets" : "**short**")}; CPU/wall = {cores:0.00} cores of {Environment.ProcessorCount} (below {Environment.ProcessorCount} means the work did not get every core: other load, or a serial part); "
                    + $"{(med.User + med.Sys) * 1e6 / total:0} µs CPU per entry, so ≈ {total * Environment.ProcessorCount / (med.User + med.Sys):N0}/s if every core were free"),
            ],
            [
                $"Runs: {string.Join("; ", runs.Select(r => $"{r.Wall:0.0} s wall, {r.User:0.0} s user + {r.Sys:0.0} s sys, max RSS {r.MaxRssKiB / 1024:N0} MiB, load {r.Load}"))}.",
                $"Export: {new FileInfo(file).Length / 1024 / 1024:N0} MiB JSON (synthesised with real Ed25519 signatures and hash links by bench/Write/VerifyBench.cs).",
            ]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Commands_Cmd(Options o) => $"bench/write.sh verify{(o.Line.Length > 0 ? " " + o.Line : "")}";

    private static void Write(string path, int entries, int chains)
    {
        var ledger = new TestLedger();
        var institution = "institution:verify-bench";
        var key = SigningKey.Generate("k1");
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var reg = ledger.Registration(institution, "medical_centre", key);
        var regEntry = Entry.Create(Submission.Parse(reg.Submission), reg.Sig, 0, Hashes.ZeroHash, t0);

        var perChain = new (string Hash, string Canonical)[chains][];
        Parallel.For(0, chains, c =>
        {
            var n = entries / chains + (c < entries % chains ? 1 : 0);
            var list = new (string, string)[n];
            var prev = Hashes.ZeroHash;
            var chain = $"patient:v-{c}";
            for (var s = 0; s < n; s++)
            {
                var at = t0.AddSeconds(1 + s);
                var sub = Submission.Create("patient.note", chain, institution, "k1", at, $"v{c}-{s}",
                    new JsonObject { ["n"] = s, ["note"] = "Patient reports mild nausea after the second dose; advised to take with food and to return if symptoms persist beyond a week." });
                var entry = Entry.Create(sub, sub.Sign(key), s, prev, at);
                prev = entry.Hash();
                list[s] = (prev, entry.CanonicalText());
            }
            perChain[c] = list;
        });

        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteString("format", "ddl.export.v1");
        w.WriteString("exportedAt", LedgerTime.Format(DateTimeOffset.UtcNow));
        w.WritePropertyName("genesis");
        ledger.Genesis.ToJson().WriteTo(w);
        w.WriteStartArray("chains");
        WriteChain(w, institution, [(regEntry.Hash(), regEntry.CanonicalText())]);
        for (var c = 0; c < chains; c++) WriteChain(w, $"patient:v-{c}", perChain[c]);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteChain(Utf8JsonWriter w, string id, IEnumerable<(string Hash, string Canonical)> entries)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartArray("entries");
        foreach (var (hash, canonical) in entries)
        {
            w.WriteStartObject();
            w.WriteString("hash", hash);
            w.WriteString("canonical", canonical);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }
}
