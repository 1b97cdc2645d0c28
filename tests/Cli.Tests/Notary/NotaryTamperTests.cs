using Ddl.Ledger;
using Npgsql;

namespace Ddl.Cli.Tests.Notary;

/// <summary>
/// Someone with the PostgreSQL database in hand changes it behind the ledger's back, dropping the
/// append-only triggers first; the next export no longer verifies, and <c>ddl verify</c> names the
/// entry or checkpoint that was touched.
/// </summary>
public sealed class NotaryTamperTests
{
    private static async Task<(int ExitCode, string Stderr)> ExportAndVerifyAsync(NotaryScenario s)
    {
        // The export may notice too (entries it cannot prove); the file is written either way.
        await s.ExportAsync("tampered.json", "--wait", "1");
        var verified = await DdlProcess.RunAsync("verify", s.PathOf("tampered.json"));
        // The independent checker of the notary's proofs must refuse the file as well.
        var independent = await NodeNotaryVerifier.RunAsync(s.PathOf("tampered.json"));
        Assert.True(independent.ExitCode == 1, independent.Stdout + independent.Stderr);
        return (verified.ExitCode, verified.Stderr);
    }

    private static async Task<NotaryScenario> SealedAsync()
    {
        var s = await NotaryScenario.StartAsync(notes: 4);
        await s.WaitSealedAsync();
        var clean = await s.ExportAsync("clean.json");
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.Equal(0, (await DdlProcess.RunAsync("verify", s.PathOf("clean.json"))).ExitCode);
        Assert.Equal(0, (await NodeNotaryVerifier.RunAsync(s.PathOf("clean.json"))).ExitCode);
        return s;
    }

    [Fact]
    public async Task one_changed_byte_of_a_stored_entry_is_named_even_when_its_hash_column_is_recomputed()
    {
        await using var s = await SealedAsync();
        await using (var read = new NpgsqlConnection(s.Connection))
        {
            await read.OpenAsync();
            await using var select = new NpgsqlCommand("SELECT canonical_json FROM ddl_entries WHERE chain = $1 AND seq = 1", read) { Parameters = { new() { Value = s.Patient } } };
            var forged = ((string)(await select.ExecuteScalarAsync())!).Replace("visit 1", "visit 7");
            await s.ExecuteAsync("DROP TRIGGER ddl_entries_no_update_or_delete ON ddl_entries");
            Assert.Equal(1, await s.ExecuteAsync("UPDATE ddl_entries SET canonical_json = $1, hash = $2 WHERE chain = $3 AND seq = 1",
                forged, Hashes.Tagged(Tags.Entry, System.Text.Encoding.UTF8.GetBytes(forged)), s.Patient));
        }

        var (exit, stderr) = await ExportAndVerifyAsync(s);

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL {s.Patient}#1 INCLUSION_FAILED", stderr);
        Assert.DoesNotContain($"{s.Patient}#0 INCLUSION_FAILED", stderr);
    }

    [Fact]
    public async Task a_deleted_entry_is_named()
    {
        await using var s = await SealedAsync();
        await s.ExecuteAsync("DROP TRIGGER ddl_entries_no_update_or_delete ON ddl_entries");
        Assert.Equal(1, await s.ExecuteAsync("DELETE FROM ddl_entries WHERE chain = $1 AND seq = 1", s.Patient));

        var (exit, stderr) = await ExportAndVerifyAsync(s);

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL {s.Patient}#1 SEQ_GAP", stderr);
        Assert.Contains($"FAIL {s.Patient}#1 INCLUSION_FAILED", stderr);
    }

    [Fact]
    public async Task two_entries_swapped_in_their_chain_are_named()
    {
        await using var s = await SealedAsync();
        await s.ExecuteAsync("DROP TRIGGER ddl_entries_no_update_or_delete ON ddl_entries");
        // Through seqs out of the way, since (chain, seq) stays unique at every step.
        await s.ExecuteAsync("UPDATE ddl_entries SET seq = seq + 1000 WHERE chain = $1 AND seq IN (1, 2)", s.Patient);
        await s.ExecuteAsync("UPDATE ddl_entries SET seq = CASE seq WHEN 1001 THEN 2 ELSE 1 END WHERE chain = $1 AND seq IN (1001, 1002)", s.Patient);

        var (exit, stderr) = await ExportAndVerifyAsync(s);

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL {s.Patient}#1 INCLUSION_FAILED", stderr);
        Assert.Contains($"FAIL {s.Patient}#2 INCLUSION_FAILED", stderr);
    }

    [Fact]
    public async Task two_leaves_swapped_in_the_notary_log_are_named()
    {
        await using var s = await SealedAsync();
        await s.ExecuteAsync("DROP TRIGGER ddl_leaves_no_update_or_delete ON ddl_leaves");
        // Leaves are keyed by the entry's store position; each row moves with its leaf hash.
        const string Swapped = "(SELECT position FROM ddl_entries WHERE chain = $1 AND seq IN (1, 2))";
        const long Aside = 1_000_000_000;
        await s.ExecuteAsync($"UPDATE ddl_leaves SET leaf_index = leaf_index + {Aside} WHERE position IN {Swapped}", s.Patient);
        await s.ExecuteAsync($"""
            UPDATE ddl_leaves l SET leaf_index = o.leaf_index - {Aside}
            FROM ddl_leaves o WHERE l.position IN {Swapped} AND o.position IN {Swapped} AND o.position <> l.position
            """, s.Patient);

        var (exit, stderr) = await ExportAndVerifyAsync(s);

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL {s.Patient}#1 INCLUSION_FAILED", stderr);
        Assert.Contains($"FAIL {s.Patient}#2 INCLUSION_FAILED", stderr);
        Assert.DoesNotContain("SEQ_GAP", stderr);
    }

    [Fact]
    public async Task a_replaced_checkpoint_is_named()
    {
        await using var s = await SealedAsync();
        await s.ExecuteAsync("DROP TRIGGER ddl_checkpoints_no_update_or_delete ON ddl_checkpoints");
        var fake = new string('a', 64);
        Assert.Equal(1, await s.ExecuteAsync("""
            UPDATE ddl_checkpoints SET canonical_json = replace(canonical_json, root, $1), root = $1
            WHERE number = (SELECT max(number) FROM ddl_checkpoints)
            """, fake));

        var (exit, stderr) = await ExportAndVerifyAsync(s);

        Assert.Equal(1, exit);
        Assert.Matches(@"FAIL checkpoint#\d+ BAD_SIGNATURE", stderr);
    }
}
