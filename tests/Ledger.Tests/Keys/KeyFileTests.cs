using Ddl.Ledger.Tests.Support;

namespace Ddl.Ledger.Tests.Keys;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ddl-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void a_saved_key_loads_back_with_the_same_seed_and_public_key()
    {
        using var key = TestKeys.Key("clinic-key-1");
        KeyFile.Save(PathOf("k.json"), key);
        using var loaded = KeyFile.Load(PathOf("k.json"));
        Assert.Equal(key.Public, loaded.Public);
        Assert.Equal(key.ExportSeed(), loaded.ExportSeed());
    }

    [Fact]
    public void a_key_file_holds_canonical_json_with_id_alg_pub_and_priv()
    {
        using var key = SigningKey.FromSeed("k", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        KeyFile.Save(PathOf("k.json"), key);
        // Seed 00..1f: its public key computed independently (Python 'cryptography').
        Assert.Equal(
            "{\"alg\":\"Ed25519\",\"id\":\"k\",\"priv\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg\"}\n",
            File.ReadAllText(PathOf("k.json")));
    }

    [Fact]
    public void a_key_file_is_readable_by_its_owner_only()
    {
        using var key = TestKeys.Key("k");
        KeyFile.Save(PathOf("k.json"), key);
        Assert.True(File.Exists(PathOf("k.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("k.json")));
        }
    }

    [Fact]
    public void save_refuses_to_overwrite_an_existing_key()
    {
        using var key = TestKeys.Key("k");
        KeyFile.Save(PathOf("k.json"), key);
        using var other = TestKeys.Key("k", "other");
        Assert.Throws<IOException>(() => KeyFile.Save(PathOf("k.json"), other));
        using var loaded = KeyFile.Load(PathOf("k.json"));
        Assert.Equal(key.Public, loaded.Public);
    }

    [Fact]
    public void load_public_reads_both_private_and_public_only_files()
    {
        using var key = TestKeys.Key("notary-1");
        KeyFile.Save(PathOf("private.json"), key);
        KeyFile.SavePublic(PathOf("public.json"), key.Public);
        Assert.Equal(key.Public, KeyFile.LoadPublic(PathOf("private.json")));
        Assert.Equal(key.Public, KeyFile.LoadPublic(PathOf("public.json")));
        var ex = Assert.Throws<LedgerException>(() => KeyFile.Load(PathOf("public.json")));
        Assert.Equal(ErrorCodes.InvalidKey, ex.Code);
    }

    [Fact]
    public void a_file_whose_pub_does_not_match_its_seed_is_refused()
    {
        using var key = TestKeys.Key("k");
        using var other = TestKeys.Key("k", "other");
        File.WriteAllText(PathOf("k.json"),
            $"{{\"alg\":\"Ed25519\",\"id\":\"k\",\"priv\":\"{Base64Url.Encode(key.ExportSeed())}\",\"pub\":\"{other.Public.Pub}\"}}");
        var ex = Assert.Throws<LedgerException>(() => KeyFile.Load(PathOf("k.json")));
        Assert.Equal(ErrorCodes.InvalidKey, ex.Code);
    }
}
