namespace Ddl.Ledger;

/// <summary>
/// Refusal and verification codes. They are part of the public contract: clients and
/// independent verifiers switch on them, so a code is never renamed or reused.
/// </summary>
public static class ErrorCodes
{
    // Encoding of documents.
    public const string MalformedJson = "MALFORMED_JSON";
    public const string FloatNotAllowed = "FLOAT_NOT_ALLOWED";
    public const string IntegerOutOfRange = "INTEGER_OUT_OF_RANGE";
    public const string DuplicateKey = "DUPLICATE_KEY";

    // Shape of protocol documents.
    public const string InvalidSubmission = "INVALID_SUBMISSION";
    public const string InvalidChainId = "INVALID_CHAIN_ID";
    public const string InvalidTime = "INVALID_TIME";
    public const string UnsupportedVersion = "UNSUPPORTED_VERSION";
    public const string MalformedEntry = "MALFORMED_ENTRY";
    public const string InvalidGenesis = "INVALID_GENESIS";
    public const string InvalidCheckpoint = "INVALID_CHECKPOINT";

    // Keys and signatures.
    public const string BadSignature = "BAD_SIGNATURE";
    public const string InvalidKey = "INVALID_KEY";
    public const string UnknownAuthor = "UNKNOWN_AUTHOR";
    public const string UnknownKey = "UNKNOWN_KEY";
    public const string KeyRevoked = "KEY_REVOKED";
    public const string KeyNotYetValid = "KEY_NOT_YET_VALID";

    /// <summary>The author may not write this kind of entry (e.g. an institution registering itself).</summary>
    public const string NotAuthorized = "NOT_AUTHORIZED";

    // Chain verification.
    public const string BadHash = "BAD_HASH";
    public const string BrokenLink = "BROKEN_LINK";
    public const string SeqGap = "SEQ_GAP";
    public const string WrongChain = "WRONG_CHAIN";

    /// <summary>recordedAt went backwards along a chain; key validity windows would become ambiguous.</summary>
    public const string TimeRegression = "TIME_REGRESSION";

    // Refusals of the actors (domain rules) and of the API.
    /// <summary>The chain moved on under a concurrent writer; retry the submission.</summary>
    public const string ChainConflict = "CHAIN_CONFLICT";
    public const string NonceReused = "NONCE_REUSED";
    public const string InstitutionSuspended = "INSTITUTION_SUSPENDED";
    public const string NotRegistered = "NOT_REGISTERED";
    public const string AlreadyRegistered = "ALREADY_REGISTERED";
    public const string KeyExists = "KEY_EXISTS";
    public const string InvalidState = "INVALID_STATE";
    public const string UnknownEventType = "UNKNOWN_EVENT_TYPE";
    /// <summary>The caller or author may not do this (role, ownership, kind of institution).</summary>
    public const string Forbidden = "FORBIDDEN";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    /// <summary>A live feed was asked to resume from a cursor it did not hand out.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";
    /// <summary>A live-feed subscriber fell too far behind and was dropped; it resumes from its last cursor.</summary>
    public const string SlowConsumer = "SLOW_CONSUMER";

    // Prescriptions, dispensing and treatment sheets (DOMAIN.md invariants).
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string NotIssued = "NOT_ISSUED";
    public const string OverDispense = "OVER_DISPENSE";
    public const string PrescriptionCancelled = "PRESCRIPTION_CANCELLED";
    public const string PrescriptionExpired = "PRESCRIPTION_EXPIRED";
    public const string NotYetValid = "NOT_YET_VALID";
    public const string ClaimedByOtherPharmacy = "CLAIMED_BY_OTHER_PHARMACY";
    public const string RepeatsExhausted = "REPEATS_EXHAUSTED";
    public const string TooEarly = "TOO_EARLY";
    public const string WrongIssue = "WRONG_ISSUE";
    public const string UnitMismatch = "UNIT_MISMATCH";
    public const string SubstitutionNotAllowed = "SUBSTITUTION_NOT_ALLOWED";
    public const string ItemClosed = "ITEM_CLOSED";
    public const string AlreadyDispensed = "ALREADY_DISPENSED";
    public const string ControlledDrugRule = "CONTROLLED_DRUG_RULE";
    public const string OverAdministration = "OVER_ADMINISTRATION";
    public const string TreatmentClosed = "TREATMENT_CLOSED";

    // HL7 FHIR R4 in and out (src/Fhir).
    /// <summary>Not valid FHIR R4 JSON (syntax, unknown elements, codes, cardinality).</summary>
    public const string FhirInvalid = "FHIR_INVALID";
    /// <summary>A FHIR resource type (or Bundle content) the ledger does not take.</summary>
    public const string FhirUnsupported = "FHIR_UNSUPPORTED";
    /// <summary>Valid FHIR that lacks what a ledger entry needs, or says something the ledger cannot record.</summary>
    public const string FhirUnmappable = "FHIR_UNMAPPABLE";
    /// <summary>A quantity that is not a whole number of its unit: the ledger holds integers only.</summary>
    public const string QuantityNotInteger = "QUANTITY_NOT_INTEGER";
    /// <summary>A FHIR submission without the author's signature from an institution that did not opt into custodial signing.</summary>
    public const string SignatureRequired = "SIGNATURE_REQUIRED";

    // The notary's log and its proofs (PROTOCOL.md 5).
    /// <summary>The entry is committed but no checkpoint covers it yet; retry after the seal interval.</summary>
    public const string NotSealedYet = "NOT_SEALED_YET";
    /// <summary>No checkpoint has that number (or the log has not reached that size).</summary>
    public const string UnknownCheckpoint = "UNKNOWN_CHECKPOINT";
    /// <summary>An audit path does not lead from the entry's leaf to the checkpoint's root.</summary>
    public const string InclusionFailed = "INCLUSION_FAILED";
    /// <summary>A consistency proof does not show that the newer checkpoint extends the older one.</summary>
    public const string ConsistencyFailed = "CONSISTENCY_FAILED";
}
