namespace Ddl.Cli.Client;

/// <summary>The GraphQL documents the CLI sends; written against the committed schema.graphql.</summary>
public static class Queries
{
    public const string Submit = """
        mutation Submit($input: SignedSubmissionInput!) {
          submit(input: $input) { chain seq hash recordedAt duplicate }
        }
        """;

    public const string Genesis = "query { ledger { genesis } }";

    public const string ChainPage = """
        query Page($id: String!, $from: Long!, $first: Int!) {
          chain(id: $id) { id length entries(fromSeq: $from, first: $first) { seq hash author canonical } }
        }
        """;

    public const string LatestCheckpoint = "query { latestCheckpoint { json } }";

    public const string EntryProofs = """
        query Proofs($chain: String!, $from: Long!, $first: Int!, $checkpoint: Long!) {
          entryProofs(chain: $chain, fromSeq: $from, first: $first, checkpoint: $checkpoint) { seq hash leafIndex auditPath }
        }
        """;

    public const string EntryProof = """
        query Proof($chain: String!, $seq: Long!) {
          entryProof(chain: $chain, seq: $seq) { chain seq hash leafIndex auditPath checkpoint { json } }
        }
        """;

    public const string EntryText = """
        query Entry($chain: String!, $seq: Long!) { entry(chain: $chain, seq: $seq) { canonical } }
        """;

    public const string ConsistencyProof = """
        query Consistency($from: Long!, $to: Long!) { consistencyProof(fromSize: $from, toNumber: $to) { fromSize proof } }
        """;
}
