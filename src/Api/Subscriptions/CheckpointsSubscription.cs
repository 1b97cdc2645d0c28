using Ddl.Api.Notary;
using Ddl.Grains.Feeds;
using Ddl.Store.Notary;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public static class CheckpointsSubscription
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<CheckpointGraphType>>("checkpoints")
            .Description("The notary's signed checkpoints as they are sealed (public). Without `after` the feed starts with the latest one; "
                + "to resume, pass the `number` of the last one received as `after` (0 for all of them).")
            .Argument<LongGraphType>("after", "The number of the last checkpoint received.")
            .ResolveStream(c =>
            {
                var after = c.GetArgument<long?>("after");
                if (after < 0)
                {
                    throw new Ddl.Ledger.LedgerException(Ddl.Ledger.ErrorCodes.InvalidArgument, "after cannot be negative.");
                }

                var services = c.RequestServices!;
                return new CheckpointFeed(services.GetRequiredService<INotaryStore>(), services.GetRequiredService<CheckpointWatcher>(), after);
            });
    }
}
