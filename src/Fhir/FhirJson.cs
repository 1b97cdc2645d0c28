using System.Text.Json;
using Ddl.Ledger;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Ddl.Fhir;

/// <summary>
/// FHIR R4 JSON in and out, through the Firely SDK only: a parse is strict (unknown elements,
/// wrong codes and missing mandatory elements are refusals), so what the ledger maps is what the
/// specification means.
/// </summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <exception cref="LedgerException">FHIR_INVALID, naming every problem the parser found.</exception>
    public static Resource Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Resource>(json, Options)
                ?? throw new LedgerException(ErrorCodes.FhirInvalid, "The body is JSON null, not a FHIR resource.");
        }
        catch (DeserializationFailedException e)
        {
            var problems = e.Exceptions.Select(x => x.Message).Distinct().Take(10);
            throw new LedgerException(ErrorCodes.FhirInvalid, "Not a valid FHIR R4 resource: " + string.Join(" ", problems));
        }
        catch (JsonException e)
        {
            throw new LedgerException(ErrorCodes.FhirInvalid, "Not valid JSON: " + e.Message);
        }
    }

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);
}
