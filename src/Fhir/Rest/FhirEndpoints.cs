using Ddl.Fhir.Gateway;
using Ddl.Ledger;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace Ddl.Fhir.Rest;

/// <summary>
/// FHIR R4 over REST at /fhir (application/fhir+json), for systems that expect a FHIR server:
/// metadata, create of the five resource types (and a transaction Bundle of MedicationRequests),
/// $ddl-prepare for systems that sign, a patient's $everything and one prescription by its group identifier.
/// </summary>
public static class FhirEndpoints
{
    private const int MaxBodyChars = 1_000_000;

    public static IEndpointRouteBuilder MapLedgerFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir");
        fhir.MapGet("/metadata", (TimeProvider clock) => Write(Capability.Statement(clock.GetUtcNow()), 200));
        fhir.MapPost("/", (HttpContext http, FhirGateway gateway) => CreateAsync(http, gateway, expectedType: null));
        fhir.MapPost("/{type}", (HttpContext http, FhirGateway gateway, string type) => CreateAsync(http, gateway, type));
        fhir.MapPost("/{type}/$ddl-prepare", (HttpContext http, FhirGateway gateway, string type) => PrepareAsync(http, gateway, type));
        fhir.MapGet("/Patient/{id}/$everything", (HttpContext http, FhirGateway gateway, string id) =>
            AnswerAsync(http, async () => Write(await gateway.ExportPatientAsync(http.User, http.RequestServices, id), 200)));
        fhir.MapGet("/MedicationRequest", (HttpContext http, FhirGateway gateway) =>
            AnswerAsync(http, async () => Write(await gateway.ExportDocumentAsync(http.User, http.RequestServices, GroupIdentifier(http), ChainKind.Prescription), 200)));
        return app;
    }

    private static Task<IResult> CreateAsync(HttpContext http, FhirGateway gateway, string? expectedType) => AnswerAsync(http, async () =>
    {
        var created = await gateway.SubmitAsync(http.User, http.RequestServices, await BodyAsync(http), Signature(http), expectedType);
        var status = created.Receipt.Duplicate ? 200 : 201;
        var location = created.Resource.Id is { } id ? $"/fhir/{created.Resource.TypeName}/{id}" : null;
        return Write(created.Resource, status, location);
    });

    private static Task<IResult> PrepareAsync(HttpContext http, FhirGateway gateway, string type) => AnswerAsync(http, async () =>
    {
        var key = Header(http, DetachedSignature.KeyHeader) ?? throw new LedgerException(ErrorCodes.InvalidArgument, $"$ddl-prepare needs the {DetachedSignature.KeyHeader} header: the id of the key you will sign with.");
        var submission = await gateway.PrepareAsync(http.User, http.RequestServices, await BodyAsync(http), key,
            Header(http, DetachedSignature.AtHeader), Header(http, DetachedSignature.NonceHeader), type);
        var parameters = new Parameters();
        parameters.Add("submission", new FhirString(System.Text.Encoding.UTF8.GetString(submission.CanonicalBytes())));
        parameters.Add("key", new FhirString(submission.Key));
        parameters.Add("at", new FhirString(submission.At));
        parameters.Add("nonce", new FhirString(submission.Nonce));
        return Write(parameters, 200);
    });

    /// <summary>Runs an operation and turns any failure into an OperationOutcome with the GraphQL code.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, Func<Task<IResult>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (code, message) = http.RequestServices.GetRequiredService<IFhirPolicy>().Describe(e);
            if (e is not LedgerException)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirEndpoints)).LogError(e, "FHIR request {Path} failed", http.Request.Path);
            }

            return Write(Outcomes.For(code, message), Outcomes.Status(code));
        }
    }

    private static async Task<string> BodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyChars)
        {
            throw new LedgerException(ErrorCodes.PayloadTooLarge, $"A FHIR resource sent to the ledger is at most {MaxBodyChars} bytes.");
        }

        using var reader = new StreamReader(http.Request.Body);
        var buffer = new char[MaxBodyChars + 1];
        var read = await reader.ReadBlockAsync(buffer, http.RequestAborted);
        return read <= MaxBodyChars ? new string(buffer, 0, read) : throw new LedgerException(ErrorCodes.PayloadTooLarge, $"A FHIR resource sent to the ledger is at most {MaxBodyChars} characters.");
    }

    private static DetachedSignature? Signature(HttpContext http) =>
        Header(http, DetachedSignature.SignatureHeader) is { } sig
            ? new DetachedSignature(
                Header(http, DetachedSignature.KeyHeader) ?? throw Missing(DetachedSignature.KeyHeader),
                Header(http, DetachedSignature.AtHeader) ?? throw Missing(DetachedSignature.AtHeader),
                Header(http, DetachedSignature.NonceHeader) ?? throw Missing(DetachedSignature.NonceHeader),
                sig)
            : null;

    private static LedgerException Missing(string header) =>
        new(ErrorCodes.InvalidArgument, $"A signed FHIR submission needs the {header} header too (key, time and nonce are part of what was signed).");

    private static string GroupIdentifier(HttpContext http)
    {
        var value = http.Request.Query["group-identifier"].ToString();
        // A token search parameter may be system|value; the value is the prescription's id.
        var bar = value.LastIndexOf('|');
        var id = bar >= 0 ? value[(bar + 1)..] : value;
        return id.Length > 0 ? id : throw new LedgerException(ErrorCodes.InvalidArgument, "Search MedicationRequest by group-identifier=<prescription id>; the ledger lists one prescription at a time.");
    }

    private static string? Header(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;

    private static IResult Write(Resource resource, int status, string? location = null) =>
        new FhirResult(FhirJson.Serialize(resource), status, location);

    /// <summary>A FHIR JSON body with its media type, status and (for a create) Location.</summary>
    private sealed class FhirResult(string json, int status, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
            if (location is not null)
            {
                http.Response.Headers.Location = location;
            }

            return http.Response.WriteAsync(json, http.RequestAborted);
        }
    }
}
