using Ddl.Api.Entries;
using Ddl.Grains.Feeds;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public sealed class LiveEntryGraphType : ObjectGraphType<FeedDelivery>
{
    public LiveEntryGraphType()
    {
        Name = "LiveEntry";
        Description = "An entry of a live feed, the moment it is committed (or from the store while a resumed subscription catches up). "
            + "(chain, seq, hash) identify it: fetch its proof with them, and a seq that skips one in a chain tells a client it missed something.";
        Field<NonNullGraphType<StringGraphType>>("chain").Description("The chain id.").Resolve(c => c.Source.Event.Chain);
        Field<NonNullGraphType<LongGraphType>>("seq").Description("Position in the chain, from 0.").Resolve(c => c.Source.Event.Seq);
        Field<NonNullGraphType<StringGraphType>>("hash").Description("The entry's hash (hex).").Resolve(c => c.Source.Event.Hash);
        Field<NonNullGraphType<StringGraphType>>("prev").Description("Hash of the previous entry of the chain.").Resolve(c => c.Source.Event.Prev);
        Field<NonNullGraphType<LongGraphType>>("position").Description("The store's global order of entries (increasing, not gap-free).").Resolve(c => c.Source.Event.Position);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The event type, e.g. `prescription.dispensed`.").Resolve(c => c.Source.Event.Type);
        Field<NonNullGraphType<StringGraphType>>("author").Description("Who signed it.").Resolve(c => c.Source.Event.Author);
        Field<NonNullGraphType<StringGraphType>>("recordedAt").Description("When the ledger accepted it (RFC 3339, UTC, milliseconds).").Resolve(c => c.Source.Event.RecordedAt);
        Field<StringGraphType>("cursor")
            .Description("Where the feed stands once this event is delivered: pass it as `after` to resume `dispensings` or `prescriptionUpdates` "
                + "with nothing missed and nothing repeated. Null on `chainEntries`, which resumes with `fromSeq: seq + 1`.")
            .Resolve(c => c.Source.Cursor?.ToString());
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when it came from the store while catching up, false when live.").Resolve(c => c.Source.Replayed);
        Field<StringGraphType>("body").Description("The event data, as JSON text.").Resolve(c => EntryView.From(c.Source.Event.ToStoredEntry()).Body);
        Field<NonNullGraphType<EntryGraphType>>("entry").Description("The whole entry, with its canonical form and signature.").Resolve(c => EntryView.From(c.Source.Event.ToStoredEntry()));
        Field<PrescriptionPartiesGraphType>("prescription").Description("For prescription chains: who is party to it as of this entry.").Resolve(c => c.Source.Event.Prescription);
        Field<LiveDispensingGraphType>("dispensing").Description("For `prescription.dispensed`: what was dispensed, where and against what.").Resolve(c => c.Source.Event.Dispensing);
    }
}
