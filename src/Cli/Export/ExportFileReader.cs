using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ddl.Cli.Notary;

namespace Ddl.Cli.Export;

/// <summary>
/// Reads an export file as a stream straight into <see cref="ExportFile"/>: no whole-file string and
/// no JSON tree of a million entries (that took ~6 bytes of memory per byte of file). Only the small
/// members (genesis, checkpoint, consistency) become trees, for the readers that already exist.
/// </summary>
public static class ExportFileReader
{
    private static readonly JsonSerializerOptions Options = new() { AllowTrailingCommas = false, MaxDepth = 64 };

    /// <summary>The format named by the file (export, proof bundle, or anything else).</summary>
    public static async Task<(string? Format, ExportFile? Export)> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        var envelope = await JsonSerializer.DeserializeAsync<Envelope>(stream, Options, ct)
            ?? throw new FormatException("the file is empty");
        return envelope.Format == ExportFile.Format ? (envelope.Format, ToExport(envelope)) : (envelope.Format, null);
    }

    private static ExportFile ToExport(Envelope e) => new(
        e.Genesis ?? throw new FormatException("'genesis' is missing."),
        (e.Chains ?? throw new FormatException("'chains' is missing."))
            .Select(c => new ExportedChain(
                c.Id ?? throw new FormatException("a chain's 'id' is missing."),
                (c.Entries ?? throw new FormatException("'entries' is missing."))
                    .Select(x => new ExportedEntry(
                        x.Hash ?? throw new FormatException("an entry's 'hash' is missing."),
                        x.Canonical ?? throw new FormatException("an entry's 'canonical' is missing."),
                        x.LeafIndex,
                        x.AuditPath is { } path && path.Contains(null!) ? throw new FormatException("'auditPath' holds a null") : x.AuditPath))
                    .ToList()))
            .ToList(),
        e.ExportedAt ?? "",
        e.Checkpoint is { } checkpoint ? SignedCheckpointFile.FromJson(checkpoint) : null,
        ConsistencyItem.ListFrom(e.Consistency));

    private sealed class Envelope
    {
        [JsonPropertyName("format")] public string? Format { get; init; }
        [JsonPropertyName("exportedAt")] public string? ExportedAt { get; init; }
        [JsonPropertyName("genesis")] public JsonObject? Genesis { get; init; }
        [JsonPropertyName("chains")] public List<Chain>? Chains { get; init; }
        [JsonPropertyName("checkpoint")] public JsonNode? Checkpoint { get; init; }
        [JsonPropertyName("consistency")] public JsonNode? Consistency { get; init; }
    }

    private sealed class Chain
    {
        [JsonPropertyName("id")] public string? Id { get; init; }
        [JsonPropertyName("entries")] public List<Entry>? Entries { get; init; }
    }

    private sealed class Entry
    {
        [JsonPropertyName("hash")] public string? Hash { get; init; }
        [JsonPropertyName("canonical")] public string? Canonical { get; init; }
        [JsonPropertyName("leafIndex")] public long? LeafIndex { get; init; }
        [JsonPropertyName("auditPath")] public List<string>? AuditPath { get; init; }
    }
}
