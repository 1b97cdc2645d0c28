using System.Text.Json.Nodes;

namespace Ddl.Cli.Commands;

/// <summary>
/// What one author submits to one prescription chain, in order: the medical centre's issue (and
/// cancellation), or the pharmacy's dispensings and refusals. A body is made when the batch is
/// signed, so that times in it (an expiry a few seconds ahead) are relative to the moment it is sent.
/// </summary>
internal sealed record SeedSteps(string Author, string Role, string Chain, List<(string Type, Func<JsonObject> Body)> Steps)
{
    /// <summary>Whether this is the last thing that happens to its prescription (it then counts as done).</summary>
    public bool Last { get; init; }
}

/// <summary>One prescription's whole story: the centre's steps, then (maybe) the pharmacy's.</summary>
internal sealed record SeedPlan(SeedSteps Centre, SeedSteps? Pharmacy)
{
    public int Entries => Centre.Steps.Count + (Pharmacy?.Steps.Count ?? 0);
}
