using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Silo.Genesis;

/// <summary>
/// The ledger's genesis in its data folder: the public <c>genesis.json</c> and the private key files
/// of the registry authority, the notary and the system (owner-only permissions). Created on the
/// first start, read on every later one.
/// </summary>
public sealed record GenesisFiles(Ledger.Genesis Genesis, SigningKey Authority, SigningKey Notary, SigningKey System, string KeysDir, bool Created)
{
    public const string AuthorityId = "authority:root";

    public static GenesisFiles LoadOrCreate(string dataDir)
    {
        var keysDir = Path.Combine(dataDir, "keys");
        var genesisPath = Path.Combine(dataDir, "genesis.json");
        var authorityPath = Path.Combine(keysDir, "authority-root.key.json");
        var notaryPath = Path.Combine(keysDir, "notary.key.json");
        var systemPath = Path.Combine(keysDir, "system.key.json");
        if (File.Exists(genesisPath))
        {
            var genesis = Ledger.Genesis.FromJson(JsonNode.Parse(File.ReadAllText(genesisPath))!);
            return new GenesisFiles(genesis, KeyFile.Load(authorityPath), KeyFile.Load(notaryPath), KeyFile.Load(systemPath), keysDir, Created: false);
        }

        Directory.CreateDirectory(keysDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keysDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var authority = SigningKey.Generate("root-1");
        var notary = SigningKey.Generate("notary-1");
        var system = SigningKey.Generate("system-1");
        KeyFile.Save(authorityPath, authority);
        KeyFile.Save(notaryPath, notary);
        KeyFile.Save(systemPath, system);
        var ledgerId = "ddl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var created = new Ledger.Genesis(ledgerId, [new AuthorityKey(AuthorityId, authority.Public)], notary.Public, system.Public);

        // Written last: a start that dies half-way leaves no genesis.json and starts over cleanly.
        File.WriteAllText(genesisPath, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(created.ToJson())) + "\n");
        return new GenesisFiles(created, authority, notary, system, keysDir, Created: true);
    }
}
