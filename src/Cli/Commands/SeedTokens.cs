using Ddl.Ledger;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Cli.Commands;

/// <summary>Development bearer tokens for the seed's parties, minted as `ddl token` mints them, one per party.</summary>
internal sealed class SeedTokens(string dataDir)
{
    private readonly SymmetricSecurityKey key = new(Base64Url.Decode(File.ReadAllText(Path.Combine(dataDir, "keys", "dev-token.key")).Trim()));
    private readonly Dictionary<string, string> tokens = [];

    public string For(string subject, string role)
    {
        lock (tokens)
        {
            if (!tokens.TryGetValue(subject, out var token))
            {
                token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = "ddl-dev", Audience = "ddl", Expires = DateTime.UtcNow.AddHours(8),
                    Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role },
                    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
                });
                tokens[subject] = token;
            }

            return token;
        }
    }
}
