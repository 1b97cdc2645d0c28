using Ddl.Bench.Write;

// One command per benchmark; `all` runs them in order. Options: --name value (see Commands).
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Ddl.Bench.Write grains|graphql-batch|graphql-single|hot-chain|prescriptions|ceiling|scaling|growth|memory|verify|micro|report|all [--option value ...]");
    return 2;
}

var options = new Options(args.Skip(1).ToArray());
var command = args[0];
Console.WriteLine($"== {command} (load {Measure.LoadAverage()})");
switch (command)
{
    case "grains": await Commands.GrainsAsync(options); break;
    case "graphql-batch": await Commands.GraphQLBatchAsync(options); break;
    case "graphql-single": await Commands.GraphQLSingleAsync(options); break;
    case "hot-chain": await Commands.HotChainAsync(options); break;
    case "prescriptions": await PrescriptionsBench.RunAsync(options); break;
    case "ceiling": await Commands.CeilingAsync(options); break;
    case "scaling": await Commands.ScalingAsync(options); break;
    case "growth": await Commands.GrowthAsync(options); break;
    case "memory": await Commands.MemoryAsync(options); break;
    case "verify": await VerifyBench.RunAsync(options); break;
    case "micro": Micro.Run(options); break;
    case "report": Report.Rebuild(); break;
    case "all":
        foreach (var step in new Func<Options, Task>[]
                 {
                     Commands.GrainsAsync, Commands.GraphQLBatchAsync, Commands.GraphQLSingleAsync, Commands.HotChainAsync, PrescriptionsBench.RunAsync,
                     Commands.ScalingAsync, Commands.GrowthAsync, Commands.MemoryAsync, VerifyBench.RunAsync,
                 })
            await step(options);
        Micro.Run(options);
        break;
    default:
        Console.Error.WriteLine($"unknown command {command}");
        return 2;
}
return 0;

public sealed class Options(string[] args)
{
    private readonly Dictionary<string, string> values = Enumerable.Range(0, args.Length / 2)
        .ToDictionary(i => args[2 * i].TrimStart('-'), i => args[2 * i + 1]);

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
    public string Line => string.Join(' ', args);
}
