using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Ddl.Transport.Tests;

public sealed class EndpointMappingTests
{
    [Fact]
    public async Task mapping_without_graphql_services_fails_at_startup_and_names_the_registration()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGraphQLHttp());

        Assert.Contains("AddGraphQL", error.Message);
    }

    [Fact]
    public async Task options_registered_in_di_are_used_by_the_default_overload()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<Schema.EventHub>();
        builder.Services.AddGraphQL(b => b.AddSchema<Schema.TestSchema>().AddSystemTextJson());
        builder.Services.Configure<GraphQLHttpOptions>(o => o.MaxBodyBytes = 64);
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGraphQLHttp();
        await app.StartAsync();
        var address = app.Urls.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await client.PostAsync("/graphql", new StringContent($$"""{"query":"{ hello }","pad":"{{new string('x', 100)}}"}""", null, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await app.StopAsync();
    }
}
