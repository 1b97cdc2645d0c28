using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Fhir.Custodial;
using Ddl.Fhir.Inbound;
using Ddl.Fhir.Outbound;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Gateway;

/// <summary>
/// The FHIR operations, whatever the transport (REST under /fhir, or GraphQL): parse, map, check
/// the caller, sign (the institution's own detached signature, or custodially when it opted in,
/// never otherwise), submit to the chain's actor, and answer with the resource as recorded.
/// Every refusal is a <see cref="LedgerException"/> with the code GraphQL would give.
/// </summary>
public sealed class FhirGateway(IGrainFactory grains, IEntryStore store, CustodialSigning custodial, RecordExporter exporter, IFhirPolicy access, TimeProvider clock)
{
    private static readonly string[] Writers = ["medical_centre", "pharmacy"];

    /// <param name="expectedType">The resource type the endpoint takes (REST /fhir/&lt;type&gt;), or null for any.</param>
    public async Task<FhirCreated> SubmitAsync(ClaimsPrincipal? user, IServiceProvider services, string json, DetachedSignature? signature, string? expectedType)
    {
        access.RequireWriter(user, services, Writers);
        var mapped = await MapAsync(json, expectedType);
        var author = access.RequireWriter(user, services, mapped.Roles);
        var (signed, earlier) = signature?.Sig is { } sig
            ? (Detached(mapped, author, signature, sig), null)
            : await CustodialAsync(mapped, author);
        var receipt = earlier ?? await grains.GetChain(mapped.Chain).SubmitAsync(signed!);
        var resources = await exporter.EntryAsync(receipt.Chain, receipt.Seq);
        Resource answer = mapped.ResourceType == "Bundle" || resources.Count != 1 ? Bundle(resources) : resources[0];
        return new FhirCreated(answer, receipt);
    }

    /// <summary>The submission an institution signs for <paramref name="json"/> (see <see cref="DetachedSignature"/>); nothing is written.</summary>
    public async Task<Submission> PrepareAsync(ClaimsPrincipal? user, IServiceProvider services, string json, string key, string? at, string? nonce, string? expectedType)
    {
        access.RequireWriter(user, services, Writers);
        var mapped = await MapAsync(json, expectedType);
        var author = access.RequireWriter(user, services, mapped.Roles);
        var when = at is null ? clock.GetUtcNow() : ParseTime(at);
        return Submission.Create(mapped.Type, mapped.Chain, author, key, when, nonce ?? mapped.NonceHint ?? NewNonce(), mapped.Body);
    }

    public async Task<Bundle> ExportPatientAsync(ClaimsPrincipal? user, IServiceProvider services, string patient)
    {
        var chain = Chain(patient, ChainKind.Patient);
        await access.RequireReadAsync(user, services, chain);
        return await exporter.PatientAsync(chain);
    }

    public async Task<Bundle> ExportDocumentAsync(ClaimsPrincipal? user, IServiceProvider services, string document, ChainKind kind)
    {
        var chain = Chain(document, kind);
        await access.RequireReadAsync(user, services, chain);
        var bundle = await exporter.DocumentAsync(chain);
        return bundle.Entry.Count > 0 ? bundle : throw new LedgerException(ErrorCodes.NotIssued, $"The ledger holds no {chain}.");
    }

    private async Task<MappedSubmission> MapAsync(string json, string? expectedType)
    {
        var resource = FhirJson.Parse(json);
        if (expectedType is not null && resource.TypeName != expectedType && !(expectedType == "MedicationRequest" && resource is Bundle))
        {
            throw new LedgerException(ErrorCodes.FhirUnsupported, $"This endpoint takes {expectedType} resources, not {resource.TypeName}.");
        }

        return await InboundMapper.MapAsync(resource, new GrainDocumentLookup(grains));
    }

    private static SignedSubmission Detached(MappedSubmission mapped, string author, DetachedSignature signature, string sig)
    {
        var submission = Submission.Create(mapped.Type, mapped.Chain, author, signature.Key, ParseTime(signature.At), signature.Nonce, mapped.Body);
        return new SignedSubmission(Encoding.UTF8.GetString(submission.CanonicalBytes()), sig);
    }

    /// <summary>
    /// Signs with the institution's custodial key, marking the body <c>"custodial": true</c>. A resource
    /// with an identity of its own (an id) gets a nonce from it, so sending it again returns the
    /// first receipt instead of recording it twice.
    /// </summary>
    private async Task<(SignedSubmission? Signed, Receipt? Earlier)> CustodialAsync(MappedSubmission mapped, string author)
    {
        if (!await custodial.OptedInAsync(author))
        {
            throw new LedgerException(ErrorCodes.SignatureRequired,
                $"{author} signs its own submissions: send the {DetachedSignature.SignatureHeader} (with {DetachedSignature.KeyHeader}, {DetachedSignature.AtHeader}, {DetachedSignature.NonceHeader}) over the submission $ddl-prepare returns, or register with \"{CustodialSigning.OptInMember}\": true to have the ledger sign for it.");
        }

        var body = (JsonObject)mapped.Body.DeepClone();
        body["custodial"] = true;
        var nonce = mapped.NonceHint ?? NewNonce();
        if (mapped.NonceHint is not null && await store.FindByNonceAsync(author, nonce) is { } row)
        {
            return mapped.SameAs(Entry.Parse(row.CanonicalJson).Submission, body)
                ? (null, new Receipt(row.Chain, row.Seq, row.Hash, row.RecordedAt, Duplicate: true))
                : throw new LedgerException(ErrorCodes.NonceReused,
                    $"{author} already recorded a different {mapped.ResourceType} under the same identity ({nonce}, {row.Chain}#{row.Seq}).");
        }

        var key = await custodial.KeyForAsync(author);
        var submission = Submission.Create(mapped.Type, mapped.Chain, author, key.Id, clock.GetUtcNow(), nonce, body);
        return (new SignedSubmission(Encoding.UTF8.GetString(submission.CanonicalBytes()), submission.Sign(key)), null);
    }

    private static Bundle Bundle(IEnumerable<DomainResource> resources)
    {
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection };
        bundle.Entry.AddRange(resources.Select(r => new Bundle.EntryComponent { Resource = r }));
        return bundle;
    }

    private static string Chain(string id, ChainKind kind)
    {
        var prefix = ChainId.KindName(kind) + ":";
        var full = id.StartsWith(prefix, StringComparison.Ordinal) ? id : prefix + id;
        return ChainId.TryParse(full, out var parsed) && parsed.Kind == kind
            ? parsed.Value
            : throw new LedgerException(ErrorCodes.InvalidChainId, $"'{id}' is not a {ChainId.KindName(kind)} id.");
    }

    private static DateTimeOffset ParseTime(string at) =>
        LedgerTime.TryParse(at, out var t) ? t : throw new LedgerException(ErrorCodes.InvalidTime, $"'{at}' is not a time like 2026-11-25T17:00:00.000Z.");

    private static string NewNonce() => "fhir:" + Guid.NewGuid().ToString("N");
}
