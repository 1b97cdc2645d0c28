using Ddl.Grains.Wire;
using GraphQL.Types;

namespace Ddl.Api.Submissions;

public sealed class ReceiptGraphType : ObjectGraphType<Receipt>
{
    public ReceiptGraphType()
    {
        Name = "Receipt";
        Description = "Proof of acceptance: the entry is durably stored at (chain, seq) with this hash.";
        Field(r => r.Chain).Description("The chain the entry was appended to.");
        Field<NonNullGraphType<LongGraphType>>("seq").Description("The entry's position in its chain.").Resolve(c => c.Source.Seq);
        Field(r => r.Hash).Description("The entry hash (PROTOCOL.md section 4).");
        Field(r => r.RecordedAt).Description("When the ledger recorded the entry.");
        Field(r => r.Duplicate).Description("True when this (author, nonce) had already been recorded: this is the original receipt and nothing new was appended.");
    }
}
