using GraphQL.Types;

namespace Ddl.Api.Entries;

public sealed class EntryGraphType : ObjectGraphType<EntryView>
{
    public EntryGraphType()
    {
        Name = "Entry";
        Description = "One entry of a hash chain, as stored. Verify it from `canonical` (PROTOCOL.md section 4).";
        Field<NonNullGraphType<StringGraphType>>("chain").Description("The chain id, `<kind>:<local>`.").Resolve(c => c.Source.Row.Chain);
        Field<NonNullGraphType<LongGraphType>>("seq").Description("Position in the chain, from 0.").Resolve(c => c.Source.Row.Seq);
        Field<NonNullGraphType<StringGraphType>>("hash").Description("SHA-256 over `ddl.v1.entry\\n` and the canonical entry, hex.").Resolve(c => c.Source.Row.Hash);
        Field<NonNullGraphType<StringGraphType>>("prev").Description("Hash of the previous entry (64 zeros for seq 0).").Resolve(c => c.Source.Row.Prev);
        Field<NonNullGraphType<StringGraphType>>("recordedAt").Description("When the ledger accepted the entry (RFC 3339, UTC, milliseconds).").Resolve(c => c.Source.Row.RecordedAt);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The event type, e.g. `institution.registered`.").Resolve(c => c.Source.Row.Type);
        Field<NonNullGraphType<StringGraphType>>("author").Description("Who signed the submission: an institution id, `authority:<local>` or `ledger`.").Resolve(c => c.Source.Row.Author);
        Field<NonNullGraphType<StringGraphType>>("nonce").Description("The author's nonce; (author, nonce) is unique in the ledger.").Resolve(c => c.Source.Row.Nonce);
        Field<StringGraphType>("key").Description("Id of the key the author signed with.").Resolve(c => c.Source.Key);
        Field<StringGraphType>("at").Description("The time the author claims for the event.").Resolve(c => c.Source.At);
        Field<StringGraphType>("body").Description("The event data, as JSON text.").Resolve(c => c.Source.Body);
        Field<StringGraphType>("sig").Description("The author's Ed25519 signature over the canonical submission, base64url.").Resolve(c => c.Source.Sig);
        Field<NonNullGraphType<StringGraphType>>("canonical").Description("The entry's canonical JSON (RFC 8785) exactly as stored: hash these bytes to check `hash`.").Resolve(c => c.Source.Canonical);
    }
}
