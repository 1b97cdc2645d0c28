using Ddl.Api.Fhir;
using Ddl.Api.Submissions;
using GraphQL.Types;

namespace Ddl.Api.Schema;

public sealed class LedgerMutation : ObjectGraphType
{
    public LedgerMutation()
    {
        Name = "Mutation";
        SubmissionMutations.AddTo(this);
        TypedMutations.AddTo(this);
        FhirMutations.AddTo(this);
    }
}
