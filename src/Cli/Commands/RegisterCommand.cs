using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

public static class RegisterCommand
{
    public static Command Create()
    {
        var authorityKey = new Option<FileInfo>("--authority-key") { Description = "The registry authority's private key file (in the ledger's data folder: keys/authority-root.key.json).", Required = true };
        var authority = new Option<string>("--authority") { Description = "The authority's id.", DefaultValueFactory = _ => "authority:root" };
        var id = new Option<string>("--id") { Description = "The new institution's id, institution:<local>.", Required = true };
        var kind = new Option<string>("--kind") { Description = "medical_centre, pharmacy or regulator.", Required = true };
        var name = new Option<string>("--name") { Description = "Its name.", Required = true };
        var region = new Option<string>("--region") { Description = "Its region.", Required = true };
        var keys = new Option<FileInfo[]>("--key") { Description = "Its key file(s) (public or private; only the public part is used).", Required = true, AllowMultipleArgumentsPerToken = true };
        var url = CommonOptions.Url();
        var token = CommonOptions.Token();
        var command = new Command("register", "Register an institution, signed by a registry authority.") { authorityKey, authority, id, kind, name, region, keys, url, token };
        command.SetAction(async (parse, ct) =>
        {
            var signer = KeyFile.Load(parse.GetValue(authorityKey)!.FullName);
            var body = new JsonObject
            {
                ["kind"] = parse.GetValue(kind),
                ["name"] = parse.GetValue(name),
                ["region"] = parse.GetValue(region),
                ["keys"] = new JsonArray(parse.GetValue(keys)!.Select(f => (JsonNode)KeyFile.LoadPublic(f.FullName).ToJson()).ToArray()),
            };
            var submission = Submission.Create("institution.registered", parse.GetValue(id)!, parse.GetValue(authority)!,
                signer.Public.Id, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), body);
            using var client = new LedgerClient(parse.GetValue(url)!, parse.GetValue(token));
            return await SubmitCommand.SubmitAsync(client, Encoding.UTF8.GetString(submission.CanonicalBytes()), submission.Sign(signer), ct);
        });
        return command;
    }
}
