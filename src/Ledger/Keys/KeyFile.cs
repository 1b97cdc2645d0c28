using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// Key files: <c>{"alg":"Ed25519","id":…,"priv":&lt;base64url seed&gt;,"pub":…}</c> as canonical
/// JSON. A public-only file is a plain K (<c>{"alg","id","pub"}</c>).
/// </summary>
public static class KeyFile
{
    /// <summary>
    /// Writes a private key file, readable by the owner only (0600) on Unix. Refuses to overwrite
    /// an existing file: replacing a key by accident loses the old one for good.
    /// </summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static void Save(string path, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(key);
        var seed = key.ExportSeed();
        var json = key.Public.ToJson();
        json["priv"] = Base64Url.Encode(seed);
        CryptographicOperations.ZeroMemory(seed);
        var bytes = CanonicalJson.Canonicalize(json);

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the seed is never on disk with wider permissions.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        stream.Write(bytes);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes a public-only key file (a K), which is safe to publish.</summary>
    public static void SavePublic(string path, PublicKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.Validate();
        File.WriteAllBytes(path, [.. CanonicalJson.Canonicalize(key.ToJson()), (byte)'\n']);
    }

    /// <summary>Reads a private key file and checks that its pub matches its seed.</summary>
    /// <exception cref="LedgerException">INVALID_KEY, or a JSON code for a damaged file.</exception>
    public static SigningKey Load(string path)
    {
        var json = Read(path);
        if (!json.ContainsKey("priv"))
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"{path} holds no private key (no \"priv\" member)");
        }
        return FromPrivateJson(json, path);
    }

    /// <summary>The public key of either a private key file or a public-only K file.</summary>
    public static PublicKeyInfo LoadPublic(string path)
    {
        var json = Read(path);
        if (!json.ContainsKey("priv"))
        {
            return PublicKeyInfo.FromJson(json);
        }
        using var key = FromPrivateJson(json, path);
        return key.Public;
    }

    private static JsonObject Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path, Encoding.UTF8).TrimEnd('\n', '\r');
        return CanonicalJson.ParseObject(text);
    }

    private static SigningKey FromPrivateJson(JsonObject json, string path)
    {
        var declared = PublicKeyInfo.FromJsonIgnoring(json, "priv");
        var priv = json["priv"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (!Base64Url.TryDecode(priv, out var seed) || seed.Length != 32)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"{path}: \"priv\" is not a 32-byte base64url seed");
        }
        var key = SigningKey.FromSeed(declared.Id, seed);
        CryptographicOperations.ZeroMemory(seed);
        if (key.Public != declared)
        {
            key.Dispose();
            throw new LedgerException(ErrorCodes.InvalidKey, $"{path}: \"pub\" does not belong to the private key in the file");
        }
        return key;
    }
}
