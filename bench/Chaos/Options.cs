namespace Ddl.Bench.Chaos;

/// <summary>The load client's switches; scripts/chaos.sh passes all of them.</summary>
public sealed record Options(string DataDir, IReadOnlyList<Uri> Endpoints, int Chains, int Seconds, int PaceMs,
    int RequestTimeoutSeconds, string KillFile, string OutDir)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i]] = args[i + 1];
        }

        string Get(string name) => map.TryGetValue(name, out var v) ? v
            : throw new ArgumentException($"missing {name} (see scripts/chaos.sh for the switches)");
        int Int(string name, int fallback) => map.TryGetValue(name, out var v) ? int.Parse(v) : fallback;

        var endpoints = Get("--endpoints").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => new Uri(e)).ToList();
        if (endpoints.Any(e => !e.IsLoopback))
        {
            // A load generator pointed at a shared host by mistake would be a denial of service.
            throw new ArgumentException("the chaos client only talks to 127.0.0.1");
        }

        var outDir = Get("--out");
        Directory.CreateDirectory(outDir);
        return new Options(Get("--data"), endpoints, Int("--chains", 12), Int("--seconds", 40), Int("--pace-ms", 100),
            Int("--request-timeout", 45), Get("--kill-file"), outDir);
    }
}
