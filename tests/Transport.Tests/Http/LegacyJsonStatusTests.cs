using System.Net;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.Http;

/// <summary>
/// Status codes when the client accepts only application/json: every well-formed request gets 200, since
/// a legacy client cannot tell our 4xx from an intermediary's; a malformed one still gets 400.
/// </summary>
public sealed class LegacyJsonStatusTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Theory]
    [InlineData("""{"query":"{"}""")]
    [InlineData("""{"query":"{ noSuchField }"}""")]
    [InlineData("""{"query":"query A { hello } query B { hello }"}""")]
    [InlineData("""{"query":"query Q($id: ID!) { echoId(id: $id) }","variables":{"id":null}}""")]
    [InlineData("""{"query":"subscription { events(topic: \"legacy\") }"}""")]
    public async Task request_errors_are_200_with_errors_in_application_json(string body)
    {
        using var response = await _client.PostAsync(body, GraphQLHttp.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLHttp.Json, response.MediaType());
        Assert.True((await response.JsonAsync()).GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task success_is_200_in_application_json()
    {
        using var response = await _client.PostAsync("""{"query":"{ hello }"}""", GraphQLHttp.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLHttp.Json, response.MediaType());
        Assert.Equal("utf-8", response.Charset());
    }

    [Theory]
    [InlineData("{ \"not json")]
    [InlineData("""{"qeury":"{ hello }"}""")]
    public async Task a_malformed_request_is_still_400(string body)
    {
        using var response = await _client.PostAsync(body, GraphQLHttp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
