using System.Text.Json.Nodes;

namespace Ddl.Cli.Tests.Notary;

/// <summary>Exports and proof bundles carry the notary's proofs, and <c>ddl verify</c> checks them offline.</summary>
public sealed class NotaryExportTests
{
    [Fact]
    public async Task an_export_carries_the_checkpoint_and_every_entrys_proof_and_verifies_against_a_checkpoint_saved_before()
    {
        await using var s = await NotaryScenario.StartAsync(notes: 3);
        await s.WaitSealedAsync();
        var saved = await DdlProcess.RunAsync("checkpoint", "--url", s.Url, "--out", s.PathOf("saved.json"));
        Assert.True(saved.ExitCode == 0, saved.Stderr);
        await s.AddNotesAsync(4);

        var exported = await s.ExportAsync("export.json", "--checkpoint", s.PathOf("saved.json"));
        Assert.True(exported.ExitCode == 0, exported.Stdout + exported.Stderr);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(s.PathOf("export.json")))!;
        Assert.NotNull(file["checkpoint"]?["sig"]);
        Assert.All(file["chains"]!.AsArray().SelectMany(c => c!["entries"]!.AsArray()), e => Assert.NotNull(e!["leafIndex"]));
        Assert.Single(file["consistency"]!.AsArray());

        var verified = await DdlProcess.RunAsync("verify", s.PathOf("export.json"), "--checkpoint", s.PathOf("saved.json"));
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        Assert.Contains("8 entries verified; all in the notary's checkpoint", verified.Stdout);
        Assert.Contains("extends the saved checkpoint", verified.Stdout);
        // The file still reads for a verifier that knows nothing of the notary's members, and an
        // independent checker of the notary's part accepts it.
        var independent = await DdlProcess.RunIndependentVerifierAsync(s.PathOf("export.json"));
        Assert.True(independent.ExitCode == 0, independent.Stdout + independent.Stderr);
        var independentNotary = await NodeNotaryVerifier.RunAsync(s.PathOf("export.json"), s.PathOf("saved.json"));
        Assert.True(independentNotary.ExitCode == 0, independentNotary.Stdout + independentNotary.Stderr);

        // A saved checkpoint someone altered is named as such.
        var forged = JsonNode.Parse(await File.ReadAllTextAsync(s.PathOf("saved.json")))!.AsObject();
        forged["size"] = forged["size"]!.GetValue<long>() - 1;
        await File.WriteAllTextAsync(s.PathOf("forged.json"), forged.ToJsonString());
        var refused = await DdlProcess.RunAsync("verify", s.PathOf("export.json"), "--checkpoint", s.PathOf("forged.json"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("FAIL saved-checkpoint#", refused.Stderr);
        Assert.Contains("BAD_SIGNATURE", refused.Stderr);

        // Without a consistency proof from the saved size, the export cannot be checked against it.
        var plain = await s.ExportAsync("plain.json");
        Assert.Equal(0, plain.ExitCode);
        var unproven = await DdlProcess.RunAsync("verify", s.PathOf("plain.json"), "--checkpoint", s.PathOf("saved.json"));
        Assert.Equal(1, unproven.ExitCode);
        Assert.Contains("CONSISTENCY_FAILED", unproven.Stderr);
    }

    [Fact]
    public async Task a_proof_bundle_verifies_offline_and_a_changed_hash_in_it_is_named()
    {
        await using var s = await NotaryScenario.StartAsync(notes: 5);
        var bundle = s.PathOf("bundle.json");

        var made = await DdlProcess.RunAsync("proof", "--url", s.Url, "--token", s.ReaderToken, "--chain", s.Patient, "--seq", "3", "--out", bundle);
        Assert.True(made.ExitCode == 0, made.Stdout + made.Stderr);
        var verified = await DdlProcess.RunAsync("verify", bundle);
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        Assert.Contains($"{s.Patient}#3 is leaf", verified.Stdout);
        var independent = await NodeNotaryVerifier.RunAsync(bundle);
        Assert.True(independent.ExitCode == 0, independent.Stdout + independent.Stderr);

        // Without a token the bundle proves the hash alone, and still verifies.
        var hashOnly = await DdlProcess.RunAsync("proof", "--url", s.Url, "--chain", s.Patient, "--seq", "1", "--out", s.PathOf("hash-only.json"));
        Assert.True(hashOnly.ExitCode == 0, hashOnly.Stderr);
        Assert.Null(JsonNode.Parse(await File.ReadAllTextAsync(s.PathOf("hash-only.json")))!["entry"]!["canonical"]);
        Assert.Equal(0, (await DdlProcess.RunAsync("verify", s.PathOf("hash-only.json"))).ExitCode);

        var tamperedPath = JsonNode.Parse(await File.ReadAllTextAsync(bundle))!;
        var path = tamperedPath["auditPath"]!.AsArray();
        path[0] = new string('0', 64);
        await File.WriteAllTextAsync(s.PathOf("bad-path.json"), tamperedPath.ToJsonString());
        var refused = await DdlProcess.RunAsync("verify", s.PathOf("bad-path.json"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"FAIL {s.Patient}#3 INCLUSION_FAILED", refused.Stderr);
        Assert.Equal(1, (await NodeNotaryVerifier.RunAsync(s.PathOf("bad-path.json"))).ExitCode);

        var tamperedEntry = JsonNode.Parse(await File.ReadAllTextAsync(bundle))!;
        tamperedEntry["entry"]!["canonical"] = tamperedEntry["entry"]!["canonical"]!.GetValue<string>().Replace("visit 3", "visit 8");
        await File.WriteAllTextAsync(s.PathOf("bad-entry.json"), tamperedEntry.ToJsonString());
        var rejected = await DdlProcess.RunAsync("verify", s.PathOf("bad-entry.json"));
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains($"FAIL {s.Patient}#3 BAD_HASH", rejected.Stderr);
        Assert.Contains($"FAIL {s.Patient}#3 INCLUSION_FAILED", rejected.Stderr);
    }
}
