using Ddl.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Ddl.Cli.Tests;

/// <summary>The README's walk-through, with the real ddl command against a real ledger process.</summary>
public sealed class CliWalkthroughTests
{
    [Fact]
    public async Task register_sign_submit_export_and_verify_then_a_flipped_byte_in_the_database_is_named()
    {
        await using var ledger = await RunningLedger.StartAsync();
        using var workDir = new TestDataDir();
        var work = Directory.CreateDirectory(workDir.Path).FullName;
        var url = ledger.GraphQL.ToString();
        var clinicKey = Path.Combine(work, "clinic.key.json");
        var authorityKey = Path.Combine(ledger.DataDir, "keys", "authority-root.key.json");

        async Task<string> TokenAsync(string subject, string role)
        {
            var minted = await DdlProcess.RunAsync("token", "--data", ledger.DataDir, "--sub", subject, "--role", role);
            Assert.True(minted.ExitCode == 0, minted.Stderr);
            return minted.Stdout.Trim();
        }

        var authorityToken = await TokenAsync("authority:root", "admin");
        var clinicToken = await TokenAsync("institution:north-clinic", "medical_centre");
        var regulatorToken = await TokenAsync("institution:regulator", "regulator");

        var keygen = await DdlProcess.RunAsync("keygen", "--id", "clinic-1", "--out", clinicKey);
        Assert.True(keygen.ExitCode == 0, keygen.Stderr);
        Assert.Contains("\"alg\":\"Ed25519\"", keygen.Stdout);

        var register = await DdlProcess.RunAsync("register", "--url", url, "--authority-key", authorityKey,
            "--id", "institution:north-clinic", "--kind", "medical_centre", "--name", "North Clinic", "--region", "north", "--key", clinicKey, "--token", authorityToken);
        Assert.True(register.ExitCode == 0, register.Stderr);

        var signed = Path.Combine(work, "note.json");
        var sign = await DdlProcess.RunAsync("sign", "--key", clinicKey, "--author", "institution:north-clinic",
            "--chain", "patient:p-42", "--type", "patient.note", "--body", "{\"text\":\"first visit\",\"n\":1}", "--out", signed);
        Assert.True(sign.ExitCode == 0, sign.Stderr);
        var submit = await DdlProcess.RunAsync("submit", "--url", url, "--token", clinicToken, signed);
        Assert.True(submit.ExitCode == 0, submit.Stderr);
        Assert.Contains("\"seq\": 0", submit.Stdout);

        var replay = await DdlProcess.RunAsync("submit", "--url", url, "--token", clinicToken, signed);
        Assert.Contains("\"duplicate\": true", replay.Stdout);

        var export = Path.Combine(work, "export.json");
        var exported = await DdlProcess.RunAsync("export", "--url", url, "--chain", "patient:p-42", "--out", export, "--token", regulatorToken);
        Assert.True(exported.ExitCode == 0, exported.Stderr);
        var verified = await DdlProcess.RunAsync("verify", export);
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        Assert.Contains("2 chain(s)", verified.Stdout);
        var independent = await DdlProcess.RunIndependentVerifierAsync(export);
        Assert.True(independent.ExitCode == 0, independent.Stdout + independent.Stderr);

        // The operator edits one byte of a stored entry behind the ledger's back (dropping the
        // append-only trigger first, as someone with the database in hand can).
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(ledger.DataDir, "ledger.db")}"))
        {
            await db.OpenAsync();
            var update = db.CreateCommand();
            update.CommandText = "DROP TRIGGER ddl_entries_no_update; UPDATE ddl_entries SET canonical_json = replace(canonical_json, 'first visit', 'first visjt') WHERE chain = 'patient:p-42'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var tamperedExport = Path.Combine(work, "tampered.json");
        Assert.Equal(0, (await DdlProcess.RunAsync("export", "--url", url, "--chain", "patient:p-42", "--out", tamperedExport, "--token", regulatorToken)).ExitCode);
        var rejected = await DdlProcess.RunAsync("verify", tamperedExport);
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("patient:p-42#0", rejected.Stderr);
        Assert.Contains("BAD_HASH", rejected.Stderr);
        var independentlyRejected = await DdlProcess.RunIndependentVerifierAsync(tamperedExport);
        Assert.Equal(1, independentlyRejected.ExitCode);
        Assert.Contains("patient:p-42#0", independentlyRejected.Stderr);
    }
}
