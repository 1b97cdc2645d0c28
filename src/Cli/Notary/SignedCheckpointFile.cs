using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Cli.Notary;

/// <summary>
/// A checkpoint with its notary signature, as exports, proof bundles and saved checkpoints carry
/// it: the checkpoint's members plus <c>sig</c>, e.g.
/// <c>{"key":…,"ledger":…,"number":3,"root":…,"sealedAt":…,"sig":…,"size":42,"v":1}</c>
/// (the GraphQL <c>Checkpoint.json</c> field).
/// </summary>
public sealed record SignedCheckpointFile(Checkpoint Checkpoint, string Sig)
{
    /// <exception cref="FormatException">No <c>sig</c>.</exception>
    /// <exception cref="LedgerException">The members are not a valid checkpoint.</exception>
    public static SignedCheckpointFile FromJson(JsonNode node)
    {
        var members = (node as JsonObject ?? throw new FormatException("a checkpoint is a JSON object")).DeepClone().AsObject();
        var sig = members["sig"]?.GetValue<string>() ?? throw new FormatException("the checkpoint has no 'sig'");
        members.Remove("sig");
        return new SignedCheckpointFile(Checkpoint.FromJson(members), sig);
    }

    /// <summary>
    /// Reads a saved checkpoint: a file holding the signed checkpoint itself, or an export or proof
    /// bundle whose checkpoint is taken.
    /// </summary>
    public static SignedCheckpointFile Load(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path)) ?? throw new FormatException($"{path} is empty");
        return node["format"] is not null
            ? FromJson(node["checkpoint"] ?? throw new FormatException($"{path} carries no checkpoint"))
            : FromJson(node);
    }

    public JsonObject ToJson()
    {
        var json = Checkpoint.ToJson();
        json["sig"] = Sig;
        return json;
    }

    public override string ToString() => $"checkpoint #{Checkpoint.Number} (size {Checkpoint.Size})";
}
