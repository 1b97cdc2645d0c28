using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Cli.Export;
using Ddl.Cli.Notary;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "An export written by `ddl export`, or an entry proof bundle written by `ddl proof`." };
        var genesis = new Option<FileInfo?>("--genesis") { Description = "A genesis.json you trust; without it the file's own genesis is used." };
        var since = new Option<FileInfo?>("--checkpoint")
        {
            Description = "A checkpoint saved earlier (or an export or bundle carrying one): the file's checkpoint must extend it.",
        };
        var command = new Command("verify",
            "Verify an export or a proof bundle offline: exit 0 only when every hash, link, signature and notary proof holds.") { file, genesis, since };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            string? format;
            ExportFile? export;
            Ledger.Genesis? trusted;
            SignedCheckpointFile? saved;
            try
            {
                // An export can hold millions of entries: it is streamed, never held as text or as a tree.
                await using (var stream = File.OpenRead(path))
                {
                    (format, export) = await ExportFileReader.ReadAsync(stream, ct);
                }
                trusted = parse.GetValue(genesis) is { } g ? Ledger.Genesis.FromJson(JsonNode.Parse(File.ReadAllText(g.FullName))!) : null;
                saved = parse.GetValue(since) is { } s ? SignedCheckpointFile.Load(s.FullName) : null;
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or LedgerException or IOException)
            {
                Console.Error.WriteLine($"FAIL: a file is not readable: {e.Message}");
                return 1;
            }

            try
            {
                return (format, export) switch
                {
                    (_, { } read) => VerifyExport(read, trusted, saved),
                    (ProofBundle.Format, _) => VerifyBundle(ProofBundle.FromJson(JsonNode.Parse(File.ReadAllText(path))!), trusted, saved),
                    _ => throw new FormatException($"'format' must be '{ExportFile.Format}' or '{ProofBundle.Format}'."),
                };
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or LedgerException)
            {
                Console.Error.WriteLine($"FAIL: the file is not a readable export or proof bundle: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int VerifyExport(ExportFile export, Ledger.Genesis? trusted, SignedCheckpointFile? saved)
    {
        if (Report(ExportVerifier.Verify(export, trusted, saved)))
        {
            return 1;
        }

        var entries = export.Chains.Sum(c => c.Entries.Count);
        Console.WriteLine($"OK: {export.Chains.Count} chain(s), {entries} entries verified"
            + (export.Checkpoint is { } c ? $"; all in the notary's {c}" : "; the export has no checkpoint, so inclusion in the notary's log was not checked")
            + (saved is not null ? $", which extends the saved {saved}." : "."));
        return 0;
    }

    private static int VerifyBundle(ProofBundle bundle, Ledger.Genesis? trusted, SignedCheckpointFile? saved)
    {
        if (Report(BundleVerifier.Verify(bundle, trusted, saved)))
        {
            return 1;
        }

        Console.WriteLine($"OK: {bundle.Chain}#{bundle.Seq} is leaf {bundle.LeafIndex} of the notary's {bundle.Checkpoint}"
            + (bundle.Canonical is null ? " (the bundle has its hash only)" : "")
            + (saved is not null ? $", which extends the saved {saved}." : "."));
        return 0;
    }

    private static bool Report(IReadOnlyList<VerificationFailure> failures)
    {
        foreach (var f in failures)
        {
            Console.Error.WriteLine($"FAIL {f.Chain}#{f.Seq} {f.Code}: {f.Reason}");
        }
        return failures.Count > 0;
    }
}
