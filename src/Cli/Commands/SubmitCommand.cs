using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;

namespace Ddl.Cli.Commands;

public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A signed submission from `ddl sign`, or - for standard input." };
        var url = CommonOptions.Url();
        var token = CommonOptions.Token();
        var command = new Command("submit", "Send a signed submission to the ledger; prints the receipt.") { file, url, token };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var text = path == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
            var (submission, sig) = SignedDocument.Read(text);
            using var client = new LedgerClient(parse.GetValue(url)!, parse.GetValue(token));
            return await SubmitAsync(client, submission, sig, ct);
        });
        return command;
    }

    /// <summary>Submits and prints the receipt, or the refusal code and message on standard error (exit 1).</summary>
    public static async Task<int> SubmitAsync(LedgerClient client, string submission, string sig, CancellationToken ct)
    {
        try
        {
            var data = await client.ExecuteAsync(Queries.Submit,
                new JsonObject { ["input"] = new JsonObject { ["submission"] = submission, ["sig"] = sig } }, ct);
            Console.WriteLine(data["submit"]!.ToJsonString(new() { WriteIndented = true }));
            return 0;
        }
        catch (LedgerClientException e)
        {
            Console.Error.WriteLine($"refused: {e.Code}: {e.Message}");
            return 1;
        }
    }
}
