using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Fhir;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Store;
using Ddl.Tests.Support;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Fhir.Tests;

/// <summary>
/// A running ledger with a medical centre and a pharmacy registered, and the calls their FHIR
/// systems make: the examples from Examples/ with their placeholders filled in.
/// </summary>
public sealed class FhirWorld : IAsyncDisposable
{
    private FhirWorld(RunningLedger ledger) => Ledger = ledger;

    public RunningLedger Ledger { get; }

    public Uri Base => new(Ledger.GraphQL, "/fhir/");

    public string Patient { get; } = "pat-" + Guid.NewGuid().ToString("N")[..12];

    public IEntryStore Store => Ledger.Services.GetRequiredService<IEntryStore>();

    /// <summary>Starts a ledger of its own (SQLite, a fresh data folder).</summary>
    public static async Task<FhirWorld> StartAsync() => new(await RunningLedger.StartAsync());

    /// <summary>Registers an institution (as the registry authority) with its own key, opted into custodial signing or not.</summary>
    public async Task<(string Id, SigningKey Key)> RegisterAsync(string kind, bool custodial)
    {
        var genesis = Ledger.Services.GetRequiredService<GenesisFiles>();
        var id = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        var body = new JsonObject
        {
            ["kind"] = kind, ["name"] = "Test " + kind, ["region"] = "north", ["keys"] = new JsonArray(key.Public.ToJson()),
        };
        if (custodial)
        {
            body["custodialSigning"] = true;
        }

        var signed = TestLedger.Sign(genesis.Authority, GenesisFiles.AuthorityId, id, "institution.registered", body);
        var response = await Ledger.PostAsAsync(GenesisFiles.AuthorityId, "admin",
            "mutation($input: SignedSubmissionInput!) { submit(input: $input) { seq } }",
            new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
        Assert.Null(response["errors"]);
        return (id, key);
    }

    /// <summary>An example resource with its placeholders replaced.</summary>
    public static string Example(string name, params (string Name, string Value)[] values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", name + ".json"));
        foreach (var (placeholder, value) in values)
        {
            text = text.Replace("{{" + placeholder + "}}", value);
        }

        return text;
    }

    /// <summary>Validity of a prescription or treatment sheet: from today to a month from now, as FHIR dates.</summary>
    public static (string Name, string Value)[] Validity() =>
    [
        ("START", DateTime.UtcNow.ToString("yyyy-MM-dd")),
        ("END", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd")),
    ];

    public async Task<FhirAnswer> PostAsync(string path, string json, string? subject, string role, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, path)) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson.MediaType);
        if (subject is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Ledger.Token(subject, role));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await SendAsync(request);
    }

    public async Task<FhirAnswer> GetAsync(string path, string? subject, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Base, path));
        if (subject is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Ledger.Token(subject, role));
        }

        return await SendAsync(request);
    }

    /// <summary>The submission body of an entry, as stored.</summary>
    public async Task<Submission> EntryAsync(string chain, long seq) =>
        Entry.Parse((await Store.GetAsync(chain, seq))!.CanonicalJson).Submission;

    public async Task<long> LengthAsync(string chain) => (await Store.GetHeadAsync(chain))?.Seq + 1 ?? 0;

    public ValueTask DisposeAsync() => Ledger.DisposeAsync();

    private async Task<FhirAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await Ledger.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        return new FhirAnswer(response.StatusCode, text, FhirJson.Parse(text));
    }
}

/// <summary>An HTTP answer of the FHIR endpoint, parsed with the Firely SDK.</summary>
public sealed record FhirAnswer(HttpStatusCode Status, string Json, Resource Resource)
{
    /// <summary>The ledger error code an OperationOutcome carries (issue.details.coding).</summary>
    public string Code => ((OperationOutcome)Resource).Issue.Single().Details!.Coding.Single(c => c.System == "urn:ddl:error-code").Code!;

    public T As<T>()
        where T : Resource => Assert.IsType<T>(Resource);
}
