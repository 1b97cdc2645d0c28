using GraphQL.Types;

namespace Ddl.Api.Submissions;

public sealed class SignedSubmissionInputType : InputObjectGraphType
{
    public SignedSubmissionInputType()
    {
        Name = "SignedSubmissionInput";
        Description = "A submission (PROTOCOL.md section 3) as JSON text, and the author's signature over its canonical form.";
        Field<NonNullGraphType<StringGraphType>>("submission").Description(
            $"The submission document as JSON text (at most {SubmissionLimits.MaxSubmissionChars} characters). Integers only: floats are refused.");
        Field<NonNullGraphType<StringGraphType>>("sig").Description("Ed25519 signature over `ddl.v1.submission\\n` + JCS(submission), base64url without padding.");
    }
}
