using System.Text.Json.Nodes;

namespace Ddl.Bench.Reports;

/// <summary>
/// One entry to write, before it is signed and placed in its chain. A patient link names the
/// prescription it links (<paramref name="Links"/>): its body needs that chain's first hash.
/// </summary>
public sealed record PlannedEntry(string Chain, string Type, string Author, DateTimeOffset At, JsonObject Body, string? Links = null)
{
    public bool IsDispensing => Type == "prescription.dispensed";
}
