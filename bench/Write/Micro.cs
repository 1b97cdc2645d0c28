using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ddl.Ledger;

namespace Ddl.Bench.Write;

/// <summary>The per-entry CPU work of the write path, one operation each (BenchmarkDotNet, short job, in process).</summary>
[MemoryDiagnoser]
public class EntryCrypto
{
    private SigningKey key = null!;
    private Submission submission = null!;
    private string submissionText = null!;
    private string sig = null!;
    private byte[] tagged = null!;
    private byte[] sigBytes = null!;
    private byte[] pub = null!;
    private Entry entry = null!;
    private byte[] entryCanonical = null!;
    private string entryText = null!;

    [GlobalSetup]
    public void Setup()
    {
        key = SigningKey.Generate("k1");
        submission = Submission.Create("patient.note", "patient:p-1", "institution:clinic", "k1", DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"),
            new JsonObject { ["n"] = 1, ["note"] = "Patient reports mild nausea after the second dose; advised to take with food and to return if symptoms persist beyond a week." });
        submissionText = Encoding.UTF8.GetString(submission.CanonicalBytes());
        sig = submission.Sign(key);
        tagged = [.. Encoding.UTF8.GetBytes(Tags.Submission + "\n"), .. submission.CanonicalBytes()];
        sigBytes = Base64Url.Decode(sig);
        pub = Base64Url.Decode(key.Public.Pub);
        entry = Entry.Create(submission, sig, 7, Hashes.ZeroHash, DateTimeOffset.UtcNow);
        entryCanonical = entry.CanonicalBytes();
        entryText = entry.CanonicalText();
    }

    [Benchmark(Description = "Ed25519 verify, raw (NSec)")]
    public bool Ed25519VerifyRaw() => Signatures.VerifyRaw(pub, tagged, sigBytes);

    [Benchmark(Description = "Submission.Verify (canonicalize + Ed25519)")]
    public bool SubmissionVerify() => submission.Verify(key.Public, sig);

    [Benchmark(Description = "SHA-256 entry hash, raw (tagged canonical bytes)")]
    public string Sha256Raw() => Hashes.Tagged(Tags.Entry, entryCanonical);

    [Benchmark(Description = "Entry.Hash (canonicalize + SHA-256)")]
    public string EntryHash() => entry.Hash();

    [Benchmark(Description = "Submission.Parse (strict parse of the wire text)")]
    public Submission ParseSubmission() => Submission.Parse(submissionText);

    [Benchmark(Description = "CanonicalJson.Canonicalize (submission text)")]
    public byte[] Canonicalize() => CanonicalJson.Canonicalize(submissionText);

    [Benchmark(Description = "Entry.CanonicalText")]
    public string EntryCanonicalText() => entry.CanonicalText();

    [Benchmark(Description = "Entry.Parse (stored canonical text)")]
    public Entry ParseEntry() => Entry.Parse(entryText);
}

public static class Micro
{
    public static void Run(Options o)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "ddl-bench-bdn"));
        var summary = BenchmarkRunner.Run<EntryCrypto>(config);
        var rows = summary.Reports.Select(r =>
        {
            var s = r.ResultStatistics;
            var mean = s?.Mean ?? double.NaN;
            var median = s?.Median ?? double.NaN;
            var p99 = s is null ? double.NaN : s.Percentiles.P95; // ShortRun has too few iterations for a real p99: P95 of iterations shown
            var alloc = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0;
            return new Row(r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                $"{median / 1000:0.00} µs ({1e9 / median:N0}/s/core)", $"{p99 / 1000:0.00} µs (P95 of iterations)", "—", "—", $"{alloc} B allocated/op");
        }).ToList();
        Report.Write("micro", "Micro benchmarks: per-entry CPU work (BenchmarkDotNet ShortRun, in-process toolchain)", $"bench/write.sh micro", rows,
            ["Medians per operation on one core (BenchmarkDotNet ShortRun: 3 iterations, so P95 is of few samples)."]);
    }
}
