namespace Ddl.Api.Submissions;

/// <summary>Sizes the API refuses beyond; documented in the README.</summary>
public static class SubmissionLimits
{
    /// <summary>One submission's JSON text; prescriptions are small, this leaves ample room.</summary>
    public const int MaxSubmissionChars = 64 * 1024;

    /// <summary>Submissions in one <c>submitBatch</c> call.</summary>
    public const int MaxBatch = 500;
}
