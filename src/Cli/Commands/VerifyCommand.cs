using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Cli.Export;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "An export written by `ddl export`." };
        var genesis = new Option<FileInfo?>("--genesis") { Description = "A genesis.json you trust; without it the export's own genesis is used." };
        var command = new Command("verify", "Verify an export offline: exit 0 only when every hash, link and signature holds.") { file, genesis };
        command.SetAction(parse =>
        {
            ExportFile export;
            try
            {
                export = ExportFile.FromJson(JsonNode.Parse(File.ReadAllText(parse.GetValue(file)!.FullName))!);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or LedgerException)
            {
                Console.Error.WriteLine($"FAIL: the file is not a readable export: {e.Message}");
                return 1;
            }

            var trusted = parse.GetValue(genesis) is { } g ? Ledger.Genesis.FromJson(JsonNode.Parse(File.ReadAllText(g.FullName))!) : null;
            var failures = ExportVerifier.Verify(export, trusted);
            foreach (var f in failures)
            {
                Console.Error.WriteLine($"FAIL {f.Chain}#{f.Seq} {f.Code}: {f.Reason}");
            }

            if (failures.Count > 0)
            {
                return 1;
            }

            Console.WriteLine($"OK: {export.Chains.Count} chain(s), {export.Chains.Sum(c => c.Entries.Count)} entries verified.");
            return 0;
        });
        return command;
    }
}
