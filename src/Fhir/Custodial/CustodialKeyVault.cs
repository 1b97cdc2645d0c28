using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Fhir.Custodial;

/// <summary>
/// The private keys the ledger holds for institutions that opted into custodial signing, encrypted
/// at rest. Each key's 32-byte Ed25519 seed is sealed with AES-256-GCM under a key-encryption key
/// (<c>keys/custodial-kek.key</c> in the data folder, 32 random bytes, owner-only), with the
/// institution, key id and public key as associated data so that a file cannot be swapped onto
/// another institution. One file per key: <c>keys/custodial/&lt;institution local&gt;.&lt;key id&gt;.json</c>.
/// Files are created with CreateNew, so two silos sharing the folder agree on the first key made.
/// </summary>
public sealed class CustodialKeyVault
{
    private const string KekFile = "custodial-kek.key";
    private readonly string folder;
    private readonly byte[] kek;

    public CustodialKeyVault(string keysDir)
    {
        folder = Path.Combine(keysDir, "custodial");
        Directory.CreateDirectory(folder);
        kek = LoadOrCreateKek(Path.Combine(keysDir, KekFile));
    }

    /// <summary>The institution's custodial key <paramref name="keyId"/>, made and sealed now when there is none yet.</summary>
    public SigningKey LoadOrCreate(string institution, string keyId)
    {
        var path = Path.Combine(folder, $"{ChainId.Parse(institution).Local}.{keyId}.json");
        if (!File.Exists(path))
        {
            using var fresh = SigningKey.Generate(keyId);
            try
            {
                WriteOwnerOnly(path, Encoding.UTF8.GetBytes(Seal(institution, fresh).ToJsonString()));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another silo (or request) made it first: its key is the one, read below.
            }
        }

        return Open(institution, keyId, JsonNode.Parse(File.ReadAllText(path))!.AsObject());
    }

    private JsonObject Seal(string institution, SigningKey key)
    {
        var seed = key.ExportSeed();
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var ciphertext = new byte[seed.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(kek, tag.Length))
        {
            aes.Encrypt(nonce, seed, ciphertext, tag, AssociatedData(institution, key.Id, key.Public.Pub));
        }

        CryptographicOperations.ZeroMemory(seed);
        return new JsonObject
        {
            ["v"] = 1, ["institution"] = institution, ["key"] = key.Id, ["pub"] = key.Public.Pub, ["alg"] = "AES-256-GCM",
            ["nonce"] = Base64Url.Encode(nonce), ["ciphertext"] = Base64Url.Encode(ciphertext), ["tag"] = Base64Url.Encode(tag),
        };
    }

    private SigningKey Open(string institution, string keyId, JsonObject sealedKey)
    {
        var pub = sealedKey["pub"]!.GetValue<string>();
        var ciphertext = Base64Url.Decode(sealedKey["ciphertext"]!.GetValue<string>());
        var tag = Base64Url.Decode(sealedKey["tag"]!.GetValue<string>());
        var seed = new byte[ciphertext.Length];
        try
        {
            using (var aes = new AesGcm(kek, tag.Length))
            {
                aes.Decrypt(Base64Url.Decode(sealedKey["nonce"]!.GetValue<string>()), ciphertext, tag, seed, AssociatedData(institution, keyId, pub));
            }

            var key = SigningKey.FromSeed(keyId, seed);
            return key.Public.Pub == pub ? key : throw new CryptographicException("the sealed seed does not give the recorded public key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static byte[] AssociatedData(string institution, string keyId, string pub) =>
        Encoding.UTF8.GetBytes($"ddl.custodial.v1\n{institution}\n{keyId}\n{pub}");

    private static byte[] LoadOrCreateKek(string path)
    {
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                WriteOwnerOnly(path, Encoding.ASCII.GetBytes(Base64Url.Encode(fresh) + "\n"));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Made concurrently by another silo sharing the folder: use that one.
            }
        }

        var kek = Base64Url.Decode(File.ReadAllText(path).Trim());
        return kek.Length == 32 ? kek : throw new InvalidOperationException($"{path} must hold 32 bytes (base64url); it holds {kek.Length}.");
    }

    private static void WriteOwnerOnly(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }
}
