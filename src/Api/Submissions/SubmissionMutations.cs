using Ddl.Api.Auth;
using Ddl.Api.Errors;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Submissions;

/// <summary>Signed submissions in, receipts out: one at a time or in batches.</summary>
public static class SubmissionMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ReceiptGraphType>>("submit")
            .Description("Records one signed submission on the chain it names; returns the receipt once the entry is durably stored. Resubmitting the same (author, nonce) returns the original receipt.")
            .Argument<NonNullGraphType<SignedSubmissionInputType>>("input", "The signed submission.")
            .ResolveAsync(async c =>
            {
                var grains = c.RequestServices!.GetRequiredService<IGrainFactory>();
                return await SubmitAsync(c, grains, ReadInput(c.GetArgument<Dictionary<string, object?>>("input")), expectedType: null);
            });

        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BatchResultGraphType>>>>("submitBatch")
            .Description($"Records up to {SubmissionLimits.MaxBatch} signed submissions, each on its own chain and each judged alone. Items for the same chain are applied in the order given.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<SignedSubmissionInputType>>>>("inputs", "The signed submissions.")
            .ResolveAsync(async c =>
            {
                var inputs = c.GetArgument<List<Dictionary<string, object?>>>("inputs");
                if (inputs.Count > SubmissionLimits.MaxBatch)
                {
                    throw new LedgerException(ErrorCodes.PayloadTooLarge, $"A batch holds at most {SubmissionLimits.MaxBatch} submissions; this one has {inputs.Count}.");
                }

                var grains = c.RequestServices!.GetRequiredService<IGrainFactory>();
                Access.RequireCaller(c);
                return await SubmitBatchAsync(c, grains, inputs.Select(ReadInput).ToList());
            });
    }

    public static SignedSubmission ReadInput(Dictionary<string, object?> input)
    {
        var submission = (string)input["submission"]!;
        if (submission.Length > SubmissionLimits.MaxSubmissionChars)
        {
            throw new LedgerException(ErrorCodes.PayloadTooLarge,
                $"A submission is at most {SubmissionLimits.MaxSubmissionChars} characters of JSON; this one has {submission.Length}.");
        }

        return new SignedSubmission(submission, (string)input["sig"]!);
    }

    /// <summary>
    /// Routes a signed submission to its chain's actor once the caller is known to be its author
    /// (and, for typed mutations, once it is the kind of event the mutation records).
    /// </summary>
    public static Task<Receipt> SubmitAsync(IResolveFieldContext context, IGrainFactory grains, SignedSubmission signed, string? expectedType)
    {
        // Parsed here to route and authorize it; the chain's actor parses and checks it again, authoritatively.
        var submission = Submission.Parse(signed.Submission);
        if (expectedType is not null && submission.Type != expectedType)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument,
                $"This mutation records '{expectedType}' entries; the submission is a '{submission.Type}'.");
        }

        Access.RequireAuthor(context, submission.Author);
        return grains.GetChain(submission.Chain).SubmitAsync(signed);
    }

    /// <summary>
    /// Chains proceed in parallel; the items of one chain go one after the other, in batch order,
    /// so that a batch of dependent events (issue, then dispense) means what it says.
    /// </summary>
    private static async Task<IReadOnlyList<BatchResult>> SubmitBatchAsync(IResolveFieldContext context, IGrainFactory grains, IReadOnlyList<SignedSubmission> items)
    {
        var results = new BatchResult[items.Count];
        var byChain = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                var submission = Submission.Parse(items[i].Submission);
                Access.RequireAuthor(context, submission.Author);
                var chain = submission.Chain;
                if (!byChain.TryGetValue(chain, out var list))
                {
                    byChain[chain] = list = [];
                }

                list.Add(i);
            }
            catch (LedgerException e)
            {
                results[i] = new BatchResult(i, null, e.Code, e.Message);
            }
        }

        await Task.WhenAll(byChain.Select(async pair =>
        {
            var grain = grains.GetChain(pair.Key);
            foreach (var i in pair.Value)
            {
                try
                {
                    results[i] = new BatchResult(i, await grain.SubmitAsync(items[i]), null, null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var (code, message) = ErrorMapping.Describe(e);
                    results[i] = new BatchResult(i, null, code, message);
                }
            }
        }));
        return results;
    }
}
