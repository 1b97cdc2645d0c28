using System.Net;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.Http;

/// <summary>Status codes when the response is application/graphql-response+json (the spec's modern rules).</summary>
public sealed class GraphQLResponseStatusTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    private Task<HttpResponseMessage> PostAsync(string body) => _client.PostAsync(body, GraphQLHttp.GraphQLResponseJson);

    [Fact]
    public async Task data_without_errors_is_200()
    {
        using var response = await PostAsync("""{"query":"{ hello }"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLHttp.GraphQLResponseJson, response.MediaType());
        Assert.Equal("utf-8", response.Charset());
    }

    [Fact]
    public async Task data_with_field_errors_is_200_with_both_entries()
    {
        using var response = await PostAsync("""{"query":"{ hello fail }"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Hello, world!", body.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal("This field always fails.", body.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{ \"not json")]
    [InlineData("")]
    [InlineData("42")]
    public async Task a_body_that_is_not_a_json_object_is_400(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"qeury":"{ hello }"}""")]
    [InlineData("""{"query":null}""")]
    [InlineData("""{"query":{"obj":"ect"}}""")]
    [InlineData("""{"query":0}""")]
    [InlineData("""{"query":false}""")]
    [InlineData("""{"query":["array"]}""")]
    [InlineData("""{"query":"{ hello }","operationName":7}""")]
    [InlineData("""{"query":"{ hello }","variables":"string"}""")]
    [InlineData("""{"query":"{ hello }","variables":[7]}""")]
    [InlineData("""{"query":"{ hello }","extensions":false}""")]
    public async Task a_request_with_a_missing_or_mistyped_parameter_is_400(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"query":"{"}""", "SYNTAX_ERROR")]
    [InlineData("""{"query":"{ noSuchField }"}""", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("""{"query":"query A { hello } query B { hello }"}""", "NO_OPERATION_NAME")]
    [InlineData("""{"query":"query A { hello }","operationName":"Z"}""", "INVALID_OPERATION_NAME")]
    [InlineData("""{"query":"query Q($id: ID!) { echoId(id: $id) }","variables":{"id":null}}""", "INVALID_VALUE")]
    [InlineData("""{"query":"{ forbidden }"}""", null)]
    public async Task request_errors_are_400_without_a_data_entry(string body, string? code)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GraphQLHttp.GraphQLResponseJson, response.MediaType());
        var json = await response.JsonAsync();
        Assert.False(json.TryGetProperty("data", out _));
        var error = json.GetProperty("errors")[0];
        if (code is not null)
            Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_validation_rule_registered_through_di_is_applied()
    {
        using var response = await PostAsync("""{"query":"{ forbidden }"}""");

        Assert.Equal("The field 'forbidden' is refused.", (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task a_subscription_over_http_is_refused_with_a_pointer_to_the_websocket()
    {
        using var response = await PostAsync("""{"query":"subscription { events(topic: \"http\") }"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("errors")[0];
        Assert.Equal("SUBSCRIPTION_OVER_HTTP", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("graphql-transport-ws", error.GetProperty("message").GetString());
    }
}
