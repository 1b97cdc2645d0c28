using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

public static class SignCommand
{
    public static Command Create()
    {
        var keyFile = new Option<FileInfo>("--key") { Description = "The author's private key file.", Required = true };
        var author = new Option<string>("--author") { Description = "institution:<id>, authority:<id> or ledger.", Required = true };
        var chain = new Option<string>("--chain") { Description = "The chain the event is for, <kind>:<local>.", Required = true };
        var type = new Option<string>("--type") { Description = "The event type, e.g. prescription.issued.", Required = true };
        var body = new Option<string>("--body") { Description = "The event data as JSON, or @file.", DefaultValueFactory = _ => "{}" };
        var nonce = new Option<string?>("--nonce") { Description = "Unique per author (default: a random one)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the signed submission here instead of standard output." };
        var command = new Command("sign", "Sign a submission with a key file (PROTOCOL.md section 3).") { keyFile, author, chain, type, body, nonce, output };
        command.SetAction(parse =>
        {
            var key = KeyFile.Load(parse.GetValue(keyFile)!.FullName);
            var submission = Submission.Create(
                parse.GetValue(type)!, parse.GetValue(chain)!, parse.GetValue(author)!, key.Public.Id, DateTimeOffset.UtcNow,
                parse.GetValue(nonce) ?? Guid.NewGuid().ToString("N"), ReadBody(parse.GetValue(body)!));
            var text = SignedDocument.Create(submission, key).ToJsonString(new() { WriteIndented = true });
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, text + "\n");
            }
            else
            {
                Console.WriteLine(text);
            }

            return 0;
        });
        return command;
    }

    private static JsonObject ReadBody(string value) =>
        CanonicalJson.ParseObject(value.StartsWith('@') ? File.ReadAllText(value[1..]) : value);
}
