using Ddl.Grains.Feeds;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public static class DispensingsSubscription
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<LiveEntryGraphType>>("dispensings")
            .Description("Every dispensing in the ledger as it is recorded (regulators and admins), narrowed by `filter`. "
                + "Resume with the `cursor` of the last event received as `after`: what was missed comes first, then the live feed.")
            .Argument<DispensingFilterInputType>("filter", "Narrows the feed; every member given must match.")
            .Argument<StringGraphType>("after", "The `cursor` of the last event received, to resume.")
            .ResolveStreamAsync(c =>
            {
                FeedAccess.RequireDispensings(c);
                var filter = c.GetArgument<DispensingFilter?>("filter") ?? new DispensingFilter();
                var after = c.GetArgument<string?>("after") is { } text ? FeedCursor.Parse(text) : null;
                var feed = new LogFeed(c.RequestServices!.GetRequiredService<FeedContext>(), "*", FeedFilters.IsPrescription,
                    e => e.Dispensing is { } d && filter.Matches(d), after);
                return Task.FromResult<IObservable<object?>>(feed);
            });
    }
}
