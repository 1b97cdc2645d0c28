using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Cli.Notary;

namespace Ddl.Cli.Commands;

/// <summary><c>ddl checkpoint</c>: save the notary's latest checkpoint, to check later exports and bundles against.</summary>
public static class CheckpointCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The file to save the checkpoint in.", Required = true };
        var url = CommonOptions.Url();
        var command = new Command("checkpoint", "Save the notary's latest signed checkpoint (use it later with --checkpoint).") { output, url };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new LedgerClient(parse.GetValue(url)!);
            try
            {
                var json = (await client.ExecuteAsync(Queries.LatestCheckpoint, ct: ct))["latestCheckpoint"]?["json"]?.GetValue<string>();
                if (json is null)
                {
                    Console.Error.WriteLine("The ledger has sealed nothing yet.");
                    return ExportCommand.NotSealed;
                }

                var checkpoint = SignedCheckpointFile.FromJson(JsonNode.Parse(json)!);
                await File.WriteAllTextAsync(parse.GetValue(output)!.FullName, checkpoint.ToJson().ToJsonString() + "\n", ct);
                Console.WriteLine($"Saved {checkpoint} sealed at {checkpoint.Checkpoint.SealedAt}.");
                return 0;
            }
            catch (LedgerClientException e)
            {
                Console.Error.WriteLine($"checkpoint failed: {e.Code}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
