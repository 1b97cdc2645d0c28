using Ddl.Api.Auth;
using Ddl.Api.Entries;
using Ddl.Ledger;
using Ddl.Store;
using GraphQL.Types;

namespace Ddl.Api.Notary;

public sealed class EntryProofGraphType : ObjectGraphType<EntryProofView>
{
    public EntryProofGraphType()
    {
        Name = "EntryProof";
        Description = "That an entry is in the notary's log as a checkpoint sealed it: its leaf index, the signed checkpoint and the RFC 9162 audit path. "
            + "Hashes only: the entry itself is in `entry`, for callers who may read its chain.";
        Field<NonNullGraphType<StringGraphType>>("chain").Description("The entry's chain id.").Resolve(c => c.Source.Chain);
        Field<NonNullGraphType<LongGraphType>>("seq").Description("The entry's seq.").Resolve(c => c.Source.Seq);
        Field<NonNullGraphType<StringGraphType>>("hash").Description("The entry hash (PROTOCOL.md section 4), hex.").Resolve(c => c.Source.Hash);
        Field<NonNullGraphType<LongGraphType>>("leafIndex").Description("The entry's leaf index in the log.").Resolve(c => c.Source.LeafIndex);
        Field<NonNullGraphType<StringGraphType>>("leafHash")
            .Description("SHA-256(0x00 || JCS({chain, hash, seq})), hex: recompute it from the three fields above.")
            .Resolve(c => Convert.ToHexStringLower(Merkle.LeafHash(Merkle.LeafData(c.Source.Chain, c.Source.Hash, c.Source.Seq))));
        Field<NonNullGraphType<CheckpointGraphType>>("checkpoint").Description("The signed checkpoint the path leads to.").Resolve(c => c.Source.Checkpoint);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("auditPath")
            .Description("RFC 9162 2.1.3 audit path from the leaf to the checkpoint's root, deepest sibling first, hex.")
            .Resolve(c => c.Source.AuditPath.Select(Convert.ToHexStringLower).ToList());
        Field<EntryGraphType>("entry")
            .Description("The entry itself; needs a token that may read its chain (institution chains are public).")
            .ResolveAsync(async c =>
            {
                await Access.RequireReadAsync(c, c.Source.Chain);
                var row = await c.RequestServices!.GetRequiredService<IEntryStore>().GetAsync(c.Source.Chain, c.Source.Seq, c.CancellationToken);
                return row is null ? null : EntryView.From(row);
            });
    }
}
