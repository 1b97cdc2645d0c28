using Ddl.Fhir.Codes;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Rest;

/// <summary>
/// Refusals as FHIR OperationOutcomes: one error issue whose details.coding carries the ledger's
/// error code (the same code GraphQL gives), with the FHIR issue type and HTTP status that fit it.
/// </summary>
public static class Outcomes
{
    public static OperationOutcome For(string code, string message)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = IssueType(code),
            Details = new CodeableConcept(FhirSystems.ErrorCode, code, message) { Text = message },
            Diagnostics = message,
        };
        return new OperationOutcome { Issue = [issue] };
    }

    public static int Status(string code) => code switch
    {
        ErrorCodes.Unauthenticated => 401,
        ErrorCodes.Forbidden or ErrorCodes.NotAuthorized => 403,
        ErrorCodes.NotIssued or ErrorCodes.NotRegistered => 404,
        ErrorCodes.PayloadTooLarge => 413,
        ErrorCodes.FhirUnsupported => 422,
        "UNAVAILABLE" => 503,
        "INTERNAL_ERROR" => 500,
        ErrorCodes.FhirInvalid or ErrorCodes.MalformedJson or ErrorCodes.InvalidTime or ErrorCodes.InvalidChainId => 400,
        // Everything else is a rule of the ledger or of the mapping: FHIR's "unprocessable entity".
        _ => 422,
    };

    private static OperationOutcome.IssueType IssueType(string code) => code switch
    {
        ErrorCodes.Unauthenticated => OperationOutcome.IssueType.Login,
        ErrorCodes.Forbidden or ErrorCodes.NotAuthorized => OperationOutcome.IssueType.Forbidden,
        ErrorCodes.FhirInvalid or ErrorCodes.MalformedJson => OperationOutcome.IssueType.Structure,
        ErrorCodes.FhirUnsupported => OperationOutcome.IssueType.NotSupported,
        ErrorCodes.NotIssued or ErrorCodes.NotRegistered => OperationOutcome.IssueType.NotFound,
        ErrorCodes.FhirUnmappable or ErrorCodes.QuantityNotInteger or ErrorCodes.InvalidSubmission or ErrorCodes.InvalidTime => OperationOutcome.IssueType.Invalid,
        ErrorCodes.BadSignature or ErrorCodes.SignatureRequired or ErrorCodes.UnknownKey or ErrorCodes.KeyRevoked => OperationOutcome.IssueType.Security,
        ErrorCodes.PayloadTooLarge => OperationOutcome.IssueType.TooLong,
        "UNAVAILABLE" => OperationOutcome.IssueType.Transient,
        "INTERNAL_ERROR" => OperationOutcome.IssueType.Exception,
        ErrorCodes.NonceReused => OperationOutcome.IssueType.Duplicate,
        _ => OperationOutcome.IssueType.BusinessRule,
    };
}
