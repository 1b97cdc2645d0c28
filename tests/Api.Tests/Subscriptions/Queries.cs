namespace Ddl.Api.Tests.Subscriptions;

/// <summary>The subscription documents the tests send, with the fields a pharmacy's or a regulator's client would select.</summary>
internal static class Queries
{
    private const string Fields = """
        chain seq hash prev position type author recordedAt cursor replayed
        prescription { issuer patient pharmacies }
        dispensing { pharmacy region prescriber patient item issue quantity unit product { atc national name } prescribed { atc name } }
        """;

    public const string PrescriptionUpdates = $$"""subscription($after: String) { prescriptionUpdates(after: $after) { {{Fields}} } }""";

    public const string Dispensings = $$"""subscription($filter: DispensingFilter, $after: String) { dispensings(filter: $filter, after: $after) { {{Fields}} } }""";

    public const string ChainEntries = $$"""subscription($chain: String!, $fromSeq: Long) { chainEntries(chain: $chain, fromSeq: $fromSeq) { {{Fields}} entry { canonical sig } } }""";

    public const string Checkpoints = """subscription($after: Long) { checkpoints(after: $after) { number size root sealedAt sig } }""";
}
