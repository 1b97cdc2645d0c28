namespace Ddl.Store.Reports.Alerts;

/// <summary>One alert: which definition (and version) raised it, for which patient, why, and the entries behind it.</summary>
/// <param name="Definition">The definition's id.</param>
/// <param name="Version">The definition's version (and, for daily MME, the conversion table's).</param>
/// <param name="Patient">The patient's pseudonymous chain id.</param>
/// <param name="Reason">What was found, in words.</param>
/// <param name="Evidence">The dispensing entries behind it.</param>
public sealed record Alert(string Definition, string Version, string Patient, string Reason, IReadOnlyList<AlertEvidence> Evidence);

/// <summary>A dispensing entry an alert rests on.</summary>
/// <param name="Chain">The prescription chain.</param>
/// <param name="Seq">The entry's seq.</param>
/// <param name="Hash">The entry's hash.</param>
/// <param name="Atc">The drug's ATC code.</param>
/// <param name="At">When it was recorded.</param>
public sealed record AlertEvidence(string Chain, long Seq, string Hash, string? Atc, string At);
