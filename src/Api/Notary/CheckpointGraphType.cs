using Ddl.Store.Notary;
using GraphQL.Types;

namespace Ddl.Api.Notary;

public sealed class CheckpointGraphType : ObjectGraphType<SignedCheckpoint>
{
    public CheckpointGraphType()
    {
        Name = "Checkpoint";
        Description = "A notary checkpoint (PROTOCOL.md section 5): the signed size and root of the global Merkle log. Public.";
        Field<NonNullGraphType<IntGraphType>>("v").Description("Protocol version, 1.").Resolve(c => c.Source.Checkpoint.V);
        Field<NonNullGraphType<StringGraphType>>("ledger").Description("The ledger id.").Resolve(c => c.Source.Checkpoint.Ledger);
        Field<NonNullGraphType<LongGraphType>>("number").Description("1, 2, 3...: one per seal.").Resolve(c => c.Source.Checkpoint.Number);
        Field<NonNullGraphType<LongGraphType>>("size").Description("Leaves in the log; never shrinks.").Resolve(c => c.Source.Checkpoint.Size);
        Field<NonNullGraphType<StringGraphType>>("root").Description("RFC 9162 tree hash of the first `size` leaves, hex.").Resolve(c => c.Source.Checkpoint.Root);
        Field<NonNullGraphType<StringGraphType>>("sealedAt").Description("When the notary sealed it (RFC 3339, UTC, milliseconds).").Resolve(c => c.Source.Checkpoint.SealedAt);
        Field<NonNullGraphType<StringGraphType>>("key").Description("Id of the notary key that signed it.").Resolve(c => c.Source.Checkpoint.Key);
        Field<NonNullGraphType<StringGraphType>>("sig")
            .Description("Ed25519 over `ddl.v1.checkpoint\\n` and `canonical`, base64url.").Resolve(c => c.Source.Sig);
        Field<NonNullGraphType<StringGraphType>>("canonical")
            .Description("The checkpoint's canonical JSON (RFC 8785), the bytes the signature covers after the tag.").Resolve(c => c.Source.CanonicalJson);
        Field<NonNullGraphType<StringGraphType>>("json")
            .Description("The checkpoint's members plus `sig`, as one JSON object: save it to check later checkpoints against (`ddl verify --checkpoint`).")
            .Resolve(c => c.Source.ToJson().ToJsonString());
    }
}
