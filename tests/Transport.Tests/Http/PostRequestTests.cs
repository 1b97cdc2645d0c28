using System.Net;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.Http;

public sealed class PostRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task a_posted_query_is_answered_200_with_its_data()
    {
        using var response = await _client.PostQueryAsync(new { query = "{ hello }" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, world!", (await response.JsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task variables_and_operation_name_select_and_feed_the_operation()
    {
        using var response = await _client.PostQueryAsync(new
        {
            query = "query A { hello } query B($name: String) { hello(name: $name) }",
            operationName = "B",
            variables = new { name = "pharmacist" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, pharmacist!", (await response.JsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task null_optional_parameters_mean_the_same_as_leaving_them_out()
    {
        using var response = await _client.PostAsync("""{"query":"{ hello }","operationName":null,"variables":null,"extensions":null}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.JsonAsync()).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task a_charset_of_utf8_in_the_content_type_is_accepted()
    {
        using var response = await _client.PostAsync("""{"query":"{ hello(name: \"Zoë 🏃\") }"}""", contentType: "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, Zoë 🏃!", (await response.JsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task mutations_run_over_post()
    {
        using var response = await _client.PostQueryAsync(new { query = "mutation { echo(text: \"dispensed\") }" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dispensed", (await response.JsonAsync()).GetProperty("data").GetProperty("echo").GetString());
    }

    [Fact]
    public async Task a_batch_of_operations_is_refused_with_400()
    {
        using var response = await _client.PostAsync("""[{"query":"{ hello }"},{"query":"{ hello }"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Batched", (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task the_operation_runs_as_the_user_the_host_authenticated()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ whoami }"}""", null, "application/json") };
        request.Headers.Add(TestServer.UserHeader, "alice");

        using var response = await _client.SendAsync(request);

        Assert.Equal("alice", (await response.JsonAsync()).GetProperty("data").GetProperty("whoami").GetString());
    }

    [Fact]
    public async Task the_configure_execution_hook_can_set_the_user_context()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ tag }"}""", null, "application/json") };
        request.Headers.Add(TestServer.TagHeader, "from-the-hook");

        using var response = await _client.SendAsync(request);

        Assert.Equal("from-the-hook", (await response.JsonAsync()).GetProperty("data").GetProperty("tag").GetString());
    }

    [Fact]
    public async Task methods_other_than_get_and_post_get_405_with_allow()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }
}
