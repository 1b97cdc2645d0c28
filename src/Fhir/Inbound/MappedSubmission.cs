using System.Text.Json.Nodes;

namespace Ddl.Fhir.Inbound;

/// <summary>
/// A FHIR resource as the ledger event it stands for: what is left to make a submission of it is
/// who signs (author and key), when (at) and the nonce.
/// </summary>
/// <param name="ResourceType">The FHIR resource type that was mapped (Bundle for a prescription of several items).</param>
/// <param name="NonceHint">A nonce derived from the resource's own identity, so that re-sending it is idempotent; null when it has none.</param>
/// <param name="Roles">The token roles that may record it (as the typed GraphQL mutation of the same event).</param>
/// <param name="StateMembers">Body members taken from the document's state rather than the resource (a dispensing's issue), which a re-sent resource may map differently.</param>
public sealed record MappedSubmission(string ResourceType, string Type, string Chain, JsonObject Body, string? NonceHint, string[] Roles, string[]? StateMembers = null)
{
    /// <summary>Whether <paramref name="earlier"/> records this same resource: same chain, type and body, state members aside.</summary>
    public bool SameAs(Ddl.Ledger.Submission earlier, JsonObject body)
    {
        var then = (JsonObject)earlier.Body.DeepClone();
        var now = (JsonObject)body.DeepClone();
        foreach (var member in StateMembers ?? [])
        {
            then.Remove(member);
            now.Remove(member);
        }

        return earlier.Chain == Chain && earlier.Type == Type && JsonNode.DeepEquals(then, now);
    }
}
