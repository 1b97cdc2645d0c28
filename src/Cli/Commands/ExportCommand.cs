using System.CommandLine;
using Ddl.Cli.Client;
using Ddl.Cli.Export;

namespace Ddl.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var chains = new Option<string[]>("--chain") { Description = "Chain id(s) to export.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo>("--out") { Description = "The export file to write.", Required = true };
        var url = CommonOptions.Url();
        var token = CommonOptions.Token();
        var command = new Command("export", "Write a self-contained, verifiable file of chains (with the institution chains their authors need).") { chains, output, url, token };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new LedgerClient(parse.GetValue(url)!, parse.GetValue(token));
            var export = await new ExportBuilder(client).BuildAsync(parse.GetValue(chains)!, ct);
            await File.WriteAllTextAsync(parse.GetValue(output)!.FullName, export.ToJson().ToJsonString() + "\n", ct);
            Console.WriteLine($"Exported {export.Chains.Count} chain(s), {export.Chains.Sum(c => c.Entries.Count)} entries to {parse.GetValue(output)!.FullName}.");
            return 0;
        });
        return command;
    }
}
