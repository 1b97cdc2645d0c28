using System.Net;
using System.Text.Json;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.Http;

public sealed class GetRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task a_query_in_the_url_is_answered_200()
    {
        using var response = await _client.GetQueryAsync("{ hello }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, world!", (await response.JsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task variables_and_extensions_travel_json_encoded_in_the_url()
    {
        using var response = await _client.GetAsync(
        [
            new("query", "query Q($name: String) { hello(name: $name) }"),
            new("operationName", "Q"),
            new("variables", JsonSerializer.Serialize(new { name = "regulator" })),
            new("extensions", JsonSerializer.Serialize(new { trace = true })),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, regulator!", (await response.JsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task an_empty_operation_name_is_the_same_as_none()
    {
        using var response = await _client.GetAsync([new("query", "{ hello }"), new("operationName", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task variables_that_are_not_a_json_object_get_400(string variables)
    {
        using var response = await _client.GetAsync([new("query", "{ hello }"), new("variables", variables)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task a_parameter_given_twice_gets_400()
    {
        using var response = await _client.GetAsync([new("query", "{ hello }"), new("query", "{ whoami }")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(GraphQLHttp.GraphQLResponseJson)]
    [InlineData(GraphQLHttp.Json)]
    public async Task a_mutation_over_get_gets_405_with_allow_post_and_does_not_run(string accept)
    {
        using var response = await _client.GetQueryAsync("mutation { increment }", accept);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var body = await response.JsonAsync();
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Equal("MUTATION_OVER_GET", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task the_operation_name_decides_whether_a_get_would_run_a_mutation()
    {
        const string document = "query Read { hello } mutation Write { increment }";

        using var read = await _client.GetAsync([new("query", document), new("operationName", "Read")]);
        using var write = await _client.GetAsync([new("query", document), new("operationName", "Write")]);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, write.StatusCode);
    }

    [Fact]
    public async Task a_get_without_any_preflight_header_is_served_by_default()
    {
        // The documented CSRF stance: GET runs queries only, so a cross-site GET can neither read nor change anything.
        using var response = await _client.GetQueryAsync("{ hello }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_host_can_require_the_preflight_header_on_get()
    {
        await using var server = await TestServer.StartAsync(o => o.RequirePreflightHeaderOnGet = true);
        using var client = server.CreateClient();

        using var without = await client.GetQueryAsync("{ hello }");
        using var with = await client.GetAsync([new("query", "{ hello }")], tweak: r => r.Headers.Add("GraphQL-Require-Preflight", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task a_get_without_a_query_gets_400()
    {
        using var response = await _client.GetAsync("/graphql");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
