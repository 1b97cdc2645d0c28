using Ddl.Grains.Feeds;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public static class PrescriptionUpdatesSubscription
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<LiveEntryGraphType>>("prescriptionUpdates")
            .Description("Every new entry of the prescriptions the caller is party to: a pharmacy those it has claimed or dispensed "
                + "(cancellations included), a medical centre those it issued, a patient their own; regulators and admins all. "
                + "Resume with the `cursor` of the last event received as `after`.")
            .Argument<StringGraphType>("after", "The `cursor` of the last event received, to resume.")
            .ResolveStreamAsync(c =>
            {
                var scope = FeedAccess.PrescriptionUpdates(c);
                var after = c.GetArgument<string?>("after") is { } text ? FeedCursor.Parse(text) : null;
                var feed = new LogFeed(c.RequestServices!.GetRequiredService<FeedContext>(), scope.IndexKey, FeedFilters.IsPrescription, scope.Matches, after);
                return Task.FromResult<IObservable<object?>>(feed);
            });
    }
}
