using System.Net;
using System.Text.Json.Nodes;
using Ddl.Tests.Support;

namespace Ddl.Api.Tests;

/// <summary>
/// The parsed-document cache (src/Api/Schema/ParsedDocumentCache.cs) on the real ledger: a document
/// seen once is not validated again, but what depends on the request still does. Each test first
/// sends a document so that it is cached, then sends the same text in the way that must be refused.
/// </summary>
public sealed class DocumentCacheTests : IAsyncLifetime
{
    private const string Submit = """mutation Write { submit(input: {submission: "{}", sig: "x"}) { hash } }""";

    private RunningLedger ledger = null!;

    public async Task InitializeAsync() => ledger = await RunningLedger.StartAsync();

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task a_mutation_cached_from_a_post_is_still_refused_over_get()
    {
        var posted = await ledger.PostAsync(Submit);
        Assert.NotNull(posted["errors"]); // it ran (and was refused: no caller), so the document is now cached

        var (status, body) = await GetAsync(Submit, "Write");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Null(body["data"]);
        Assert.Equal("MUTATION_OVER_GET", Code(body));
    }

    [Fact]
    public async Task the_operation_name_still_decides_what_a_get_of_a_cached_document_may_run()
    {
        const string document = "query Read { __typename } " + Submit;
        var viaPost = await ledger.PostAsync(document, operationName: "Write");
        Assert.NotNull(viaPost["errors"]);
        var (readStatus, read) = await GetAsync(document, "Read");
        var (readAgainStatus, _) = await GetAsync(document, "Read");

        var (writeStatus, write) = await GetAsync(document, "Write");

        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(HttpStatusCode.OK, readAgainStatus);
        Assert.Equal("Query", read["data"]!["__typename"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, writeStatus);
        Assert.Equal("MUTATION_OVER_GET", Code(write));
    }

    [Fact]
    public async Task variables_are_still_checked_on_every_request_of_a_cached_document()
    {
        const string query = "query Type($name: String!) { __type(name: $name) { name } }";
        var first = await ledger.PostAsync(query, new JsonObject { ["name"] = "Receipt" });
        Assert.Equal("Receipt", first["data"]!["__type"]!["name"]!.GetValue<string>());

        var missing = await ledger.PostAsync(query);
        var wrongType = await ledger.PostAsync(query, new JsonObject { ["name"] = 5 });
        var again = await ledger.PostAsync(query, new JsonObject { ["name"] = "Query" });

        Assert.Null(missing["data"]);
        Assert.Equal("INVALID_VALUE", Code(missing));
        Assert.Null(wrongType["data"]);
        Assert.Equal("INVALID_VALUE", Code(wrongType));
        Assert.Equal("Query", again["data"]!["__type"]!["name"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string query, string operationName)
    {
        var url = $"{ledger.GraphQL}?query={Uri.EscapeDataString(query)}&operationName={Uri.EscapeDataString(operationName)}";
        using var response = await ledger.Http.GetAsync(url);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}
