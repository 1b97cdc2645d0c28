using Ddl.Grains.Feeds;
using Ddl.Ledger;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public static class ChainEntriesSubscription
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<LiveEntryGraphType>>("chainEntries")
            .Description("Every entry of one chain the caller may read, in seq order: from `fromSeq` (entries already in the store first), "
                + "or from the next entry when it is omitted. To resume, pass the last seq received + 1.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The chain id.")
            .Argument<LongGraphType>("fromSeq", "The first seq wanted (0 for the whole chain).")
            .ResolveStreamAsync(async c =>
            {
                var chain = ChainId.Parse(c.GetArgument<string>("chain")).Value;
                var fromSeq = c.GetArgument<long?>("fromSeq");
                if (fromSeq < 0)
                {
                    throw new LedgerException(ErrorCodes.InvalidArgument, "fromSeq cannot be negative.");
                }

                await FeedAccess.RequireChainAsync(c, chain);
                return new ChainFeed(c.RequestServices!.GetRequiredService<FeedContext>(), chain, fromSeq);
            });
    }
}
