using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

public static class KeygenCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "The key id (e.g. pharmacy-1).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the private key file (created owner-only).", Required = true };
        var command = new Command("keygen", "Generate an Ed25519 key pair; prints the public key as PROTOCOL.md's K.") { id, output };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!.FullName;
            if (File.Exists(path))
            {
                Console.Error.WriteLine($"{path} exists; refusing to overwrite a key.");
                return 2;
            }

            var key = SigningKey.Generate(parse.GetValue(id)!);
            KeyFile.Save(path, key);
            Console.WriteLine(key.Public.ToJson().ToJsonString());
            return 0;
        });
        return command;
    }
}
