using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

/// <summary>The subscription root (graphql-transport-ws at /graphql): each feed adds its own field.</summary>
public sealed class LedgerSubscription : ObjectGraphType
{
    public LedgerSubscription()
    {
        Name = "Subscription";
        ChainEntriesSubscription.AddTo(this);
        DispensingsSubscription.AddTo(this);
        PrescriptionUpdatesSubscription.AddTo(this);
        CheckpointsSubscription.AddTo(this);
    }
}
