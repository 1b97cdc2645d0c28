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
}
