using System.Text.Json;
using Ddl.Transport.Tests.Infrastructure;
using Xunit;

namespace Ddl.Transport.Tests.WebSockets;

/// <summary>subscribe, next, error and complete, for subscriptions and for queries and mutations.</summary>
public sealed class OperationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static string Events(string topic) => $"subscription {{ events(topic: \"{topic}\") }}";

    private static void AssertNext(JsonElement message, string id, string value)
    {
        Assert.Equal("next", message.GetProperty("type").GetString());
        Assert.Equal(id, message.GetProperty("id").GetString());
        Assert.Equal(value, message.GetProperty("payload").GetProperty("data").GetProperty("events").GetString());
    }

    private static void AssertType(JsonElement message, string type, string? id = null)
    {
        Assert.Equal(type, message.GetProperty("type").GetString());
        if (id is not null)
            Assert.Equal(id, message.GetProperty("id").GetString());
    }

    [Fact]
    public async Task a_subscription_forwards_each_event_as_next_and_completes_when_the_source_does()
    {
        var topic = Guid.NewGuid().ToString();
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SubscribeAsync("s1", Events(topic));
        await Server.Events[topic].WaitForSubscribersAsync(1);
        Server.Events[topic].Publish("first");
        Server.Events[topic].Publish("second");
        Server.Events[topic].Complete();

        AssertNext(await client.ReceiveAsync(), "s1", "first");
        AssertNext(await client.ReceiveAsync(), "s1", "second");
        AssertType(await client.ReceiveAsync(), "complete", "s1");
        await Server.Events[topic].WaitForSubscribersAsync(0);
    }

    [Fact]
    public async Task a_complete_from_the_client_stops_the_events_and_releases_the_source()
    {
        var topic = Guid.NewGuid().ToString();
        await using var client = await WsClient.ConnectAndInitAsync(Server);
        await client.SubscribeAsync("s1", Events(topic));
        await Server.Events[topic].WaitForSubscribersAsync(1);
        Server.Events[topic].Publish("before");
        AssertNext(await client.ReceiveAsync(), "s1", "before");

        await client.SendAsync(new { id = "s1", type = "complete" });
        await Server.Events[topic].WaitForSubscribersAsync(0);
        Server.Events[topic].Publish("after");
        await client.SendAsync(new { type = "ping" });

        // Nothing for s1 (no event, no complete echo): the next message is the answer to our ping.
        AssertType(await client.ReceiveAsync(), "pong");
    }

    [Fact]
    public async Task an_id_can_be_reused_once_its_operation_is_over()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SubscribeAsync("again", "{ hello }");
        await client.ReceiveAsync();
        AssertType(await client.ReceiveAsync(), "complete", "again");
        await client.SubscribeAsync("again", "{ hello(name: \"twice\") }");

        var next = await client.ReceiveAsync();
        Assert.Equal("Hello, twice!", next.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task a_query_over_the_socket_gets_one_next_then_complete()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SendAsync(new { id = "q1", type = "subscribe", payload = new { query = "query Q($n: String) { hello(name: $n) }", operationName = "Q", variables = new { n = "socket" } } });

        var next = await client.ReceiveAsync();
        AssertType(next, "next", "q1");
        Assert.Equal("Hello, socket!", next.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
        AssertType(await client.ReceiveAsync(), "complete", "q1");
    }

    [Fact]
    public async Task a_mutation_over_the_socket_gets_one_next_then_complete()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SubscribeAsync("m1", "mutation { echo(text: \"over ws\") }");

        var next = await client.ReceiveAsync();
        Assert.Equal("over ws", next.GetProperty("payload").GetProperty("data").GetProperty("echo").GetString());
        AssertType(await client.ReceiveAsync(), "complete", "m1");
    }

    [Fact]
    public async Task field_errors_travel_inside_next()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SubscribeAsync("f1", "{ hello fail }");

        var next = await client.ReceiveAsync();
        AssertType(next, "next", "f1");
        Assert.Equal("This field always fails.", next.GetProperty("payload").GetProperty("errors")[0].GetProperty("message").GetString());
        AssertType(await client.ReceiveAsync(), "complete", "f1");
    }

    [Theory]
    [InlineData("{ noSuchField }")]
    [InlineData("{")]
    [InlineData("{ forbidden }")]
    public async Task an_operation_that_cannot_run_gets_one_error_message_and_no_complete(string query)
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SubscribeAsync("e1", query);
        var error = await client.ReceiveAsync();
        await client.SendAsync(new { type = "ping" });

        AssertType(error, "error", "e1");
        Assert.Equal(JsonValueKind.Array, error.GetProperty("payload").ValueKind);
        Assert.NotEmpty(error.GetProperty("payload").EnumerateArray());
        AssertType(await client.ReceiveAsync(), "pong");
    }

    [Fact]
    public async Task a_failing_event_stream_sends_its_error_as_next_then_completes()
    {
        var topic = Guid.NewGuid().ToString();
        await using var client = await WsClient.ConnectAndInitAsync(Server);
        await client.SubscribeAsync("s1", Events(topic));
        await Server.Events[topic].WaitForSubscribersAsync(1);

        Server.Events[topic].Fail(new GraphQL.ExecutionError("The feed broke."));

        var next = await client.ReceiveAsync();
        AssertType(next, "next", "s1");
        Assert.Contains("The feed broke.", next.GetProperty("payload").GetProperty("errors")[0].GetProperty("message").GetString());
        AssertType(await client.ReceiveAsync(), "complete", "s1");
    }

    [Fact]
    public async Task several_subscriptions_share_one_socket_and_keep_their_ids_apart()
    {
        var (a, b) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await using var client = await WsClient.ConnectAndInitAsync(Server);
        await client.SubscribeAsync("a", Events(a));
        await client.SubscribeAsync("b", Events(b));
        await Server.Events[a].WaitForSubscribersAsync(1);
        await Server.Events[b].WaitForSubscribersAsync(1);

        Server.Events[b].Publish("to b");
        AssertNext(await client.ReceiveAsync(), "b", "to b");
        Server.Events[a].Publish("to a");
        AssertNext(await client.ReceiveAsync(), "a", "to a");
    }

    [Fact]
    public async Task a_complete_for_an_unknown_id_is_ignored()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SendAsync(new { id = "never-used", type = "complete" });
        await client.SendAsync(new { type = "ping" });

        AssertType(await client.ReceiveAsync(), "pong");
    }

    [Fact]
    public async Task a_complete_cancels_a_query_still_running()
    {
        await using var client = await WsClient.ConnectAndInitAsync(Server);

        await client.SubscribeAsync("slow", "{ slow(ms: 5000) }");
        await client.SendAsync(new { id = "slow", type = "complete" });
        await client.SendAsync(new { type = "ping" });

        AssertType(await client.ReceiveAsync(), "pong");
        await client.SendAsync(new { type = "ping" });
        AssertType(await client.ReceiveAsync(TimeSpan.FromSeconds(2)), "pong");
    }

    [Fact]
    public async Task closing_the_socket_ends_its_subscriptions()
    {
        var topic = Guid.NewGuid().ToString();
        var client = await WsClient.ConnectAndInitAsync(Server);
        await client.SubscribeAsync("s1", Events(topic));
        await Server.Events[topic].WaitForSubscribersAsync(1);

        await client.CloseAsync();
        await client.DisposeAsync();

        await Server.Events[topic].WaitForSubscribersAsync(0);
        Assert.Equal(0, Server.Events[topic].SubscriberCount);
    }

    [Fact]
    public async Task the_configure_execution_hook_runs_for_socket_operations()
    {
        var seen = new List<string?>();
        await using var server = await TestServer.StartAsync(o => o.ConfigureExecution = (_, execution) =>
        {
            lock (seen)
                seen.Add(execution.Query);
            execution.UserContext["tag"] = "socket-hook";
            return Task.CompletedTask;
        });
        await using var client = await WsClient.ConnectAndInitAsync(server);

        await client.SubscribeAsync("t1", "query Tagged { tag }");

        var next = await client.ReceiveAsync();
        Assert.Equal("socket-hook", next.GetProperty("payload").GetProperty("data").GetProperty("tag").GetString());
        lock (seen)
            Assert.Equal(["query Tagged { tag }"], seen);
    }
}
