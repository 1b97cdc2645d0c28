using System.Text.Json.Nodes;
using Ddl.Tests.Support;

namespace Ddl.Cli.Tests.Notary;

public sealed class PatientExportTests
{
    [Fact]
    public async Task a_patients_export_follows_the_documents_its_chain_links_and_verifies_with_their_proofs()
    {
        await using var s = await NotaryScenario.StartAsync(notes: 1);
        var prescription = TestLedger.NewId("prescription");
        var issued = await s.Ledger.PostAsAsync(s.Clinic, "medical_centre",
            "mutation($input: SignedSubmissionInput!) { issuePrescription(input: $input) { chain seq } }",
            new JsonObject
            {
                ["input"] = Input(TestLedger.Sign(s.ClinicKey, s.Clinic, prescription, "prescription.issued",
                    Prescribing.Issue(s.Patient, TimeSpan.FromDays(30), Prescribing.Item("N02BE01", "Paracetamol 500 mg", 30)))),
            });
        Assert.True(issued["errors"] is null, issued.ToJsonString());
        await WaitForLinkAsync(s, prescription);
        await s.WaitSealedAsync();

        var exported = await DdlProcess.RunAsync("export", "--url", s.Url, "--token", s.ReaderToken, "--patient", s.Patient, "--out", s.PathOf("patient.json"));

        Assert.True(exported.ExitCode == 0, exported.Stdout + exported.Stderr);
        var chains = JsonNode.Parse(await File.ReadAllTextAsync(s.PathOf("patient.json")))!["chains"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([s.Clinic, s.Patient, prescription], chains);
        var verified = await DdlProcess.RunAsync("verify", s.PathOf("patient.json"));
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        Assert.Equal(0, (await NodeNotaryVerifier.RunAsync(s.PathOf("patient.json"))).ExitCode);
    }

    private static JsonObject Input(Ddl.Grains.Wire.SignedSubmission signed) => new() { ["submission"] = signed.Submission, ["sig"] = signed.Sig };

    /// <summary>The ledger writes the link on the patient's chain right after the prescription, possibly a moment later.</summary>
    private static async Task WaitForLinkAsync(NotaryScenario s, string prescription)
    {
        for (var i = 0; i < 100; i++)
        {
            var chain = await s.Ledger.PostAsync("query($id: String!) { chain(id: $id) { entries { type body } } }",
                new JsonObject { ["id"] = s.Patient }, s.ReaderToken);
            if (chain["data"]?["chain"]?["entries"]?.AsArray().Any(e => e!["type"]!.GetValue<string>() == "patient.linked"
                    && e["body"]!.GetValue<string>().Contains(prescription)) == true)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{s.Patient} never linked {prescription}");
    }
}
