using Ddl.Ledger;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Bench.Chaos;

/// <summary>Development bearer tokens from the cluster's shared data folder, as <c>ddl token</c> mints them.</summary>
public static class Tokens
{
    public static string Mint(string dataDir, string subject, string role)
    {
        var secret = Base64Url.Decode(File.ReadAllText(Path.Combine(dataDir, "keys", "dev-token.key")).Trim());
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ddl-dev",
            Audience = "ddl",
            Expires = DateTime.UtcNow.AddHours(2),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256),
        });
    }
}
