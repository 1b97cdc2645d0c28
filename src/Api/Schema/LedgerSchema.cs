namespace Ddl.Api.Schema;

/// <summary>The DDL GraphQL schema. Its printed SDL is committed as schema.graphql and approval-tested.</summary>
public sealed class LedgerSchema : GraphQL.Types.Schema
{
    public LedgerSchema(IServiceProvider services)
        : base(services)
    {
        Description = "DDL, the Drugs Distribution Ledger: signed, hash-chained, notarised records of prescriptions and their distribution.";
        Query = services.GetRequiredService<LedgerQuery>();
        Mutation = services.GetRequiredService<LedgerMutation>();
        Subscription = services.GetRequiredService<Subscriptions.LedgerSubscription>();
    }
}
