namespace Ddl.Grains.Patients;

public static class PatientEvents
{
    /// <summary>Written by the ledger: body {chain, seq, hash, type} of the document linked.</summary>
    public const string Linked = "patient.linked";

    /// <summary>The nonce of the link to <paramref name="chain"/>: one link per document, whoever retries.</summary>
    public static string LinkNonce(string chain) => "link:" + chain;
}
