using System.Security.Cryptography;
using Ddl.Ledger;

namespace Ddl.Api.Auth;

/// <summary>
/// The symmetric key that signs development tokens, kept in the data folder (owner-only) and
/// created on first use. Anyone who can read it can mint any token: development only.
/// </summary>
public static class DevelopmentKey
{
    public const string FileName = "dev-token.key";

    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Base64Url.Decode(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(Base64Url.Encode(key));
        }

        return key;
    }
}
