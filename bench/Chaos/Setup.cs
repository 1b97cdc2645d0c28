using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Bench.Chaos;

public static class Setup
{
    private const string Register = "mutation($input: SignedSubmissionInput!) { registerInstitution(input: $input) { seq } }";

    /// <summary>Registers a medical centre for this run, signed with the genesis authority key from the shared data folder.</summary>
    public static async Task<(string Id, SigningKey Key)> RegisterInstitutionAsync(string dataDir, Gql silo)
    {
        using var authority = KeyFile.Load(Path.Combine(dataDir, "keys", "authority-root.key.json"));
        var id = $"institution:chaos-{Guid.NewGuid():N}"[..32];
        var key = SigningKey.Generate("k1");
        var submission = Submission.Create("institution.registered", id, "authority:root", authority.Id, DateTimeOffset.UtcNow,
            Guid.NewGuid().ToString("N"), new JsonObject
            {
                ["kind"] = "medical_centre", ["name"] = "Chaos " + id, ["region"] = "north",
                ["keys"] = new JsonArray(key.Public.ToJson()),
            });
        var input = new JsonObject
        {
            ["input"] = new JsonObject { ["submission"] = System.Text.Encoding.UTF8.GetString(submission.CanonicalBytes()), ["sig"] = submission.Sign(authority) },
        };
        var result = await silo.PostAsync(Register, input, Tokens.Mint(dataDir, "authority:root", "admin"), CancellationToken.None);
        if (!result.Ok)
        {
            throw new InvalidOperationException($"registering {id} failed: {result.Code}: {result.Message}");
        }
        return (id, key);
    }

    /// <summary>The moment chaos.sh sent kill -9, in Unix seconds (the file holds milliseconds).</summary>
    public static double ReadKillTime(string path) =>
        File.Exists(path) ? long.Parse(File.ReadAllText(path).Trim()) / 1000.0
            : throw new InvalidOperationException($"{path} is missing: the silo was never killed, so this was no chaos run");
}
