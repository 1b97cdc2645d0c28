using System.CommandLine;
using Ddl.Cli.Client;
using Ddl.Cli.Export;
using Ddl.Cli.Notary;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

public static class ExportCommand
{
    /// <summary>Exit code when the file was written but some entries are not sealed yet (it will not verify).</summary>
    public const int NotSealed = 3;

    public static Command Create()
    {
        var chains = new Option<string[]>("--chain") { Description = "Chain id(s) to export.", AllowMultipleArgumentsPerToken = true };
        var patient = new Option<string?>("--patient") { Description = "A patient's whole record: patient:<id>, its chain and every prescription and treatment sheet it links." };
        var output = new Option<FileInfo>("--out") { Description = "The export file to write.", Required = true };
        var since = new Option<FileInfo[]>("--checkpoint")
        {
            Description = "A checkpoint saved earlier (or an export or proof bundle carrying one): the export adds the proof that the ledger's log extends it.",
            AllowMultipleArgumentsPerToken = true,
        };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for the notary to seal entries committed just before (default 10).", DefaultValueFactory = _ => 10 };
        var url = CommonOptions.Url();
        var token = CommonOptions.Token();
        var command = new Command("export",
            "Write a self-contained, verifiable file of chains (with the institution chains their authors need), the notary's latest checkpoint and each entry's proof of inclusion in it.")
        {
            chains, patient, output, since, wait, url, token,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ids = parse.GetValue(chains) ?? [];
            if (ids.Length == 0 && parse.GetValue(patient) is null)
            {
                Console.Error.WriteLine("Name what to export: --chain <id>... and/or --patient patient:<id>.");
                return 2;
            }

            using var client = new LedgerClient(parse.GetValue(url)!, parse.GetValue(token));
            try
            {
                var saved = (parse.GetValue(since) ?? []).Select(f => SignedCheckpointFile.Load(f.FullName)).ToList();
                var export = await new ExportBuilder(client).BuildAsync(ids, ct, parse.GetValue(patient));
                var (file, unsealed) = await new ExportNotariser(client).NotariseAsync(export, TimeSpan.FromSeconds(parse.GetValue(wait)), saved, ct);
                var path = parse.GetValue(output)!.FullName;
                await File.WriteAllTextAsync(path, file.ToJson().ToJsonString() + "\n", ct);
                var entries = file.Chains.Sum(c => c.Entries.Count);
                Console.WriteLine($"Exported {file.Chains.Count} chain(s), {entries} entries to {path}"
                    + (file.Checkpoint is { } c ? $", sealed in checkpoint #{c.Checkpoint.Number} (size {c.Checkpoint.Size})." : "."));
                if (unsealed > 0)
                {
                    Console.Error.WriteLine($"{unsealed} of {entries} entries are not sealed yet, so the file lacks their proofs and will not verify; export again in a few seconds.");
                    return NotSealed;
                }
                return 0;
            }
            catch (Exception e) when (e is LedgerClientException or LedgerException or InvalidOperationException or FormatException or IOException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"export failed: {(e as LedgerClientException)?.Code ?? (e as LedgerException)?.Code ?? "ERROR"}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
