namespace Ddl.Grains.Wire;

/// <summary>
/// A submission exactly as its author sent it: the submission JSON text (any whitespace; the
/// ledger canonicalizes it) and the base64url Ed25519 signature over its canonical form.
/// Kept as text across grain calls so that no serializer can round floats or reorder keys.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignedSubmission(
    [property: Orleans.Id(0)] string Submission,
    [property: Orleans.Id(1)] string Sig);
