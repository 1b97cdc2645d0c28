using System.Net;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.Http;

public sealed class ContentNegotiationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Query = """{"query":"{ hello }"}""";
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Theory]
    [InlineData(null, GraphQLHttp.GraphQLResponseJson)]
    [InlineData("*/*", GraphQLHttp.GraphQLResponseJson)]
    [InlineData("application/*", GraphQLHttp.GraphQLResponseJson)]
    [InlineData("application/graphql-response+json", GraphQLHttp.GraphQLResponseJson)]
    [InlineData("application/json", GraphQLHttp.Json)]
    [InlineData("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8", GraphQLHttp.GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json", GraphQLHttp.Json)]
    [InlineData("application/json;q=0.9, application/graphql-response+json", GraphQLHttp.GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", GraphQLHttp.Json)]
    [InlineData("application/graphql-response+json;q=0, */*", GraphQLHttp.Json)]
    [InlineData("text/html, application/json;q=0.1", GraphQLHttp.Json)]
    public async Task the_response_uses_the_preferred_acceptable_media_type(string? accept, string expected)
    {
        using var response = await _client.PostAsync(Query, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.MediaType());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0")]
    public async Task an_accept_header_allowing_neither_json_type_gets_406(string accept)
    {
        using var post = await _client.PostAsync(Query, accept);
        using var get = await _client.GetQueryAsync("{ hello }", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, get.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task a_post_body_that_is_not_utf8_json_gets_415(string contentType)
    {
        using var response = await _client.PostAsync(Query, contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task a_post_without_a_content_type_gets_415()
    {
        using var response = await _client.PostAsync(Query, contentType: null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
