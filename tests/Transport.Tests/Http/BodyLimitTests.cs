using System.Net;
using System.Text;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.Http;

public sealed class BodyLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    private static string QueryOfSize(int bytes)
    {
        // A valid request padded with a GraphQL comment, so only its size can make it fail.
        const string head = """{"query":"{ hello } #""";
        const string tail = "\"}";
        return head + new string('x', bytes - head.Length - tail.Length) + tail;
    }

    [Fact]
    public async Task a_body_at_the_default_limit_of_256_KiB_is_served()
    {
        using var response = await _client.PostAsync(QueryOfSize(GraphQLHttpOptions.DefaultMaxBodyBytes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_body_over_the_limit_gets_413()
    {
        using var response = await _client.PostAsync(QueryOfSize(GraphQLHttpOptions.DefaultMaxBodyBytes + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task a_chunked_body_over_the_limit_gets_413_without_a_content_length()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(QueryOfSize(GraphQLHttpOptions.DefaultMaxBodyBytes * 2))));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task the_limit_is_configurable()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxBodyBytes = 1024);
        using var client = server.CreateClient();

        using var small = await client.PostAsync(QueryOfSize(1024));
        using var large = await client.PostAsync(QueryOfSize(1025));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }
}
