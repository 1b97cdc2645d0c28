using System.Net;
using System.Text;
using Ddl.Fhir.Gateway;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Tests;

/// <summary>Who signs a FHIR submission: the institution itself, or the ledger only for an institution that opted in.</summary>
public sealed class SigningTests
{
    [Fact]
    public async Task an_institution_that_did_not_opt_in_must_sign_and_can_through_ddl_prepare()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, key) = await world.RegisterAsync("medical_centre", custodial: false);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        var bundle = FhirWorld.Example("medicationrequest-bundle", [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]);

        var unsigned = await world.PostAsync("MedicationRequest", bundle, clinic, "medical_centre");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.SignatureRequired), (unsigned.Status, unsigned.Code));

        var at = LedgerTime.Format(DateTimeOffset.UtcNow);
        var prepared = await world.PostAsync("MedicationRequest/$ddl-prepare", bundle, clinic, "medical_centre",
            new Dictionary<string, string> { [DetachedSignature.KeyHeader] = key.Id, [DetachedSignature.AtHeader] = at });
        var parameters = prepared.As<Parameters>();
        var submission = Submission.Parse(((FhirString)parameters.Single(p => p.Name == "submission").Value!).Value!);
        var nonce = ((FhirString)parameters.Single(p => p.Name == "nonce").Value!).Value!;
        Assert.Equal(0, await world.LengthAsync("prescription:" + group));

        var headers = new Dictionary<string, string>
        {
            [DetachedSignature.KeyHeader] = key.Id, [DetachedSignature.AtHeader] = at, [DetachedSignature.NonceHeader] = nonce,
            [DetachedSignature.SignatureHeader] = submission.Sign(SigningKey.Generate(key.Id)),
        };
        var forged = await world.PostAsync("MedicationRequest", bundle, clinic, "medical_centre", headers);
        Assert.Equal(ErrorCodes.BadSignature, forged.Code);

        headers[DetachedSignature.SignatureHeader] = submission.Sign(key);
        var signed = await world.PostAsync("MedicationRequest", bundle, clinic, "medical_centre", headers);

        Assert.Equal(HttpStatusCode.Created, signed.Status);
        var entry = await world.Store.GetAsync("prescription:" + group, 0);
        var recorded = Entry.Parse(entry!.CanonicalJson);
        Assert.Equal(submission.CanonicalBytes(), recorded.Submission.CanonicalBytes());
        Assert.Equal("k1", recorded.Submission.Key);
        Assert.Null(recorded.Submission.Body["custodial"]);
    }

    [Fact]
    public async Task custodial_signing_publishes_a_custodial_key_through_the_authority_and_marks_every_entry()
    {
        await using var world = await FhirWorld.StartAsync();
        var (pharmacy, _) = await world.RegisterAsync("pharmacy", custodial: true);
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var group = "rx-" + Guid.NewGuid().ToString("N")[..10];
        await world.PostAsync("MedicationRequest", FhirWorld.Example("medicationrequest-bundle",
            [("PATIENT", world.Patient), ("GROUP", group), .. FhirWorld.Validity()]), clinic, "medical_centre");

        var keyAdded = await world.EntryAsync(clinic, 1);
        Assert.Equal("institution.key.added", keyAdded.Type);
        Assert.Equal(GenesisFiles.AuthorityId, keyAdded.Author);
        Assert.Equal("custodial-1", keyAdded.Body["key"]!["id"]!.GetValue<string>());
        Assert.True(keyAdded.Body["custodial"]!.GetValue<bool>());
        Assert.Equal(1, await world.LengthAsync(pharmacy));

        // At rest the key is sealed: the file holds no seed, and the public key matches the published one.
        var sealedFile = File.ReadAllText(Path.Combine(world.Ledger.DataDir, "keys", "custodial", clinic["institution:".Length..] + ".custodial-1.json"));
        Assert.Contains("AES-256-GCM", sealedFile);
        Assert.Contains(keyAdded.Body["key"]!["pub"]!.GetValue<string>(), sealedFile);
        Assert.DoesNotContain("priv", sealedFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(world.Ledger.DataDir, "keys", "custodial-kek.key")));
        }
    }

    [Fact]
    public async Task writes_need_a_token_whose_role_may_record_the_event()
    {
        await using var world = await FhirWorld.StartAsync();
        var (clinic, _) = await world.RegisterAsync("medical_centre", custodial: true);
        var bundle = FhirWorld.Example("medicationrequest-bundle", [("PATIENT", world.Patient), ("GROUP", "rx-" + Guid.NewGuid().ToString("N")[..10]), .. FhirWorld.Validity()]);

        var anonymous = await world.PostAsync("MedicationRequest", bundle, null, "medical_centre");
        var asPharmacy = await world.PostAsync("MedicationRequest", bundle, clinic, "pharmacy");
        var asPatient = await world.PostAsync("MedicationRequest", bundle, "patient:" + world.Patient, "patient");

        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated), (anonymous.Status, anonymous.Code));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (asPharmacy.Status, asPharmacy.Code));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (asPatient.Status, asPatient.Code));
        Assert.Equal(1, await world.LengthAsync(clinic));
    }
}
