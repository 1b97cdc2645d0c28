using GraphQL.Types;

namespace Ddl.Api.Notary;

public sealed class ConsistencyProofGraphType : ObjectGraphType<ConsistencyProofView>
{
    public ConsistencyProofGraphType()
    {
        Name = "ConsistencyProof";
        Description = "RFC 9162 2.1.4 proof that the log at `toSize` extends the log at `fromSize`: nothing sealed before was changed or removed.";
        Field<NonNullGraphType<LongGraphType>>("fromSize").Description("The older tree size.").Resolve(c => c.Source.FromSize);
        Field<NonNullGraphType<LongGraphType>>("toSize").Description("The newer tree size (the `to` checkpoint's).").Resolve(c => c.Source.To.Checkpoint.Size);
        Field<CheckpointGraphType>("from").Description("The older checkpoint, when asked for by number.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<CheckpointGraphType>>("to").Description("The newer checkpoint.").Resolve(c => c.Source.To);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("proof")
            .Description("The proof's hashes, hex; empty when the sizes are equal or fromSize is 0.")
            .Resolve(c => c.Source.Proof.Select(Convert.ToHexStringLower).ToList());
    }
}
