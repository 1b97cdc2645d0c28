using System.CommandLine;
using Ddl.Ledger;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Cli.Commands;

/// <summary>
/// Mints a development bearer token with the key the embedded ledger keeps in its data folder.
/// For development only: a real deployment takes tokens from its identity provider.
/// </summary>
public static class TokenCommand
{
    private static readonly string[] Roles = ["medical_centre", "pharmacy", "patient", "regulator", "admin"];

    public static Command Create()
    {
        var subject = new Option<string>("--sub") { Description = "The subject: institution:<id>, patient:<id>, authority:root for the registry authority.", Required = true };
        var role = new Option<string>("--role") { Description = "medical_centre, pharmacy, patient, regulator or admin.", Required = true };
        role.AcceptOnlyFromAmong(Roles);
        var data = new Option<DirectoryInfo>("--data") { Description = "The ledger's data folder (default ./ddl-data or $DDL_DATA_DIR).", DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("DDL_DATA_DIR") ?? "ddl-data") };
        var hours = new Option<int>("--hours") { Description = "Lifetime in hours.", DefaultValueFactory = _ => 8 };
        var command = new Command("token", "Mint a DEVELOPMENT bearer token signed with the data folder's dev-token.key.") { subject, role, data, hours };
        command.SetAction(parse =>
        {
            var keyFile = Path.Combine(parse.GetValue(data)!.FullName, "keys", "dev-token.key");
            if (!File.Exists(keyFile))
            {
                Console.Error.WriteLine($"{keyFile} does not exist: start the ledger once with this data folder, which creates it.");
                return 2;
            }

            var key = new SymmetricSecurityKey(Base64Url.Decode(File.ReadAllText(keyFile).Trim()));
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "ddl-dev",
                Audience = "ddl",
                Expires = DateTime.UtcNow.AddHours(parse.GetValue(hours)),
                Claims = new Dictionary<string, object> { ["sub"] = parse.GetValue(subject)!, ["role"] = parse.GetValue(role)! },
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            });
            Console.WriteLine(token);
            return 0;
        });
        return command;
    }
}
