namespace Ddl.Ledger.Tests.Documents;

/// <summary>
/// A fixed submission and entry, written out by hand as canonical JSON. The signature was
/// computed outside this code base (Python 'cryptography', Ed25519 with seed 00 01 .. 1f over
/// "ddl.v1.submission\n" + the submission text), so these bytes pin the wire format.
/// </summary>
internal static class FixedVectors
{
    public static byte[] Seed => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public const string PublicKey = "A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg";

    public const string SubmissionText =
        """{"at":"2026-11-25T17:00:00.000Z","author":"institution:clinic-a","body":{"drug":"amoxicillin","note":"Zürich € \"500mg\"\n","quantity":21,"unit":"capsule"},"chain":"prescription:rx-0001","key":"clinic-key-1","nonce":"n-0001","type":"prescription.issued","v":1}""";

    public const string Sig = "O7orpRGg2VN8ZfXsiyTR0h0PCcUtntIuS6uWOZHmik_ogGj5e6SEV7cg_oUZtRPbp37zbgBhccuoJph2HBbZAw";

    public const string EntryText =
        """{"chain":"prescription:rx-0001","prev":"0000000000000000000000000000000000000000000000000000000000000000","recordedAt":"2026-11-25T17:00:01.234Z","seq":0,"sig":"O7orpRGg2VN8ZfXsiyTR0h0PCcUtntIuS6uWOZHmik_ogGj5e6SEV7cg_oUZtRPbp37zbgBhccuoJph2HBbZAw","submission":""" +
        SubmissionText + ""","v":1}""";

    /// <summary>SHA-256("ddl.v1.entry\n" + EntryText), computed with Python's hashlib.</summary>
    public const string EntryHash = "b0d58b97b20593bcde095c654f4477e6d01ca2ede15acf3aee4bd66776002baa";

    public const string LeafDataText =
        """{"chain":"prescription:rx-0001","hash":"b0d58b97b20593bcde095c654f4477e6d01ca2ede15acf3aee4bd66776002baa","seq":0}""";

    /// <summary>SHA-256(0x00 || LeafDataText), computed with Python's hashlib.</summary>
    public const string LeafHash = "4e5cdcc28529043960ee8dd0cc1f75a3ff52fbda4de8d921d90ffb1887147bac";

    public const string CheckpointText =
        """{"key":"notary-1","ledger":"ddl-test","number":1,"root":"abababababababababababababababababababababababababababababababab","sealedAt":"2026-11-25T17:00:05.000Z","size":1,"v":1}""";

    /// <summary>Ed25519 (seed 00..1f) over "ddl.v1.checkpoint\n" + CheckpointText, computed with Python.</summary>
    public const string CheckpointSig = "AS2E462HHSU7ebZjB2iBX0GvFrg7obWqgUwqyFjAxK4KN_tw6cOFzCqkiovVWTcFH4lrfGfN6qpqocICb7r_Bg";

    public static System.Text.Json.Nodes.JsonObject Body() => new()
    {
        ["unit"] = "capsule",
        ["quantity"] = 21,
        ["note"] = "Zürich € \"500mg\"\n",
        ["drug"] = "amoxicillin",
    };

    public static Submission Submission() => Ledger.Submission.Create(
        "prescription.issued", "prescription:rx-0001", "institution:clinic-a", "clinic-key-1",
        new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), "n-0001", Body());
}
