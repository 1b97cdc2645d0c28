using Ddl.Grains.Wire;
using GraphQL.Types;

namespace Ddl.Api.Submissions;

/// <summary>One item of a batch: a receipt, or the refusal of that item alone.</summary>
public sealed record BatchResult(int Index, Receipt? Receipt, string? Code, string? Message);

public sealed class BatchResultGraphType : ObjectGraphType<BatchResult>
{
    public BatchResultGraphType()
    {
        Name = "BatchResult";
        Description = "The outcome of one submission of a batch. Each item stands alone: a refused item writes nothing and does not stop the others.";
        Field<NonNullGraphType<IntGraphType>>("index").Description("Position of the item in the batch.").Resolve(c => c.Source.Index);
        Field<ReceiptGraphType>("receipt").Description("Set when the item was recorded.").Resolve(c => c.Source.Receipt);
        Field<StringGraphType>("code").Description("Set when the item was refused: the same error code a single `submit` would give.").Resolve(c => c.Source.Code);
        Field<StringGraphType>("message").Description("Why the item was refused.").Resolve(c => c.Source.Message);
    }
}
