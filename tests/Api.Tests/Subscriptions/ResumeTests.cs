using System.Text.Json.Nodes;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>
/// Killing the socket mid-stream and resuming from the last cursor received: every event exactly
/// once, in chain order, while writers keep going on several chains at once.
/// </summary>
public sealed class ResumeTests
{
    private const int PerPrescription = 25;

    private static (string Chain, long Seq) Key(JsonNode e) => (e["chain"]!.GetValue<string>(), e["seq"]!.GetValue<long>());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task a_regulator_and_a_pharmacy_that_drop_their_socket_mid_stream_resume_from_the_cursor_without_gaps_or_duplicates(string engine)
    {
        var postgres = engine == "postgres" ? await PostgresSchemas.CreateAsync("ddl_feed") : null;
        await using var ledger = await RunningLedger.StartAsync(postgres: postgres);
        var world = new FeedWorld(ledger);
        var centre = await world.RegisterAsync("medical_centre");
        var pharmacies = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => world.RegisterAsync("pharmacy", region: "r" + i)));
        var prescriptions = await Task.WhenAll(pharmacies.Select(_ =>
            world.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02BE01", "Paracetamol 500 mg", 1000))));
        var regulatorToken = world.Token(TestLedger.NewId("institution"), "regulator");

        var regulator = await FeedSocket.ConnectAsync(ledger.GraphQL, regulatorToken);
        await regulator.SubscribeAsync("d", Queries.Dispensings);
        var pharmacy = await FeedSocket.ConnectAsync(ledger.GraphQL, world.Token(pharmacies[0]));
        await pharmacy.SubscribeAsync("p", Queries.PrescriptionUpdates);
        await world.WaitForFeedsAsync(2);

        // Three pharmacies dispense concurrently, each on its own prescription, while the clients drop and resume.
        var writing = Task.WhenAll(pharmacies.Select((p, i) => Task.Run(async () =>
        {
            var written = new List<(string, long)>();
            for (var n = 0; n < PerPrescription; n++)
            {
                var receipt = await world.DispenseAsync(p, prescriptions[i], issue: 1, quantity: 1);
                written.Add((receipt["chain"]!.GetValue<string>(), receipt["seq"]!.GetValue<long>()));
            }

            return written;
        })));

        var regulatorSeen = await ResumeMidStreamAsync(world, regulator, regulatorToken, "d", "dispensings", Queries.Dispensings,
            before: 20, total: PerPrescription * pharmacies.Length);
        var pharmacySeen = await ResumeMidStreamAsync(world, pharmacy, world.Token(pharmacies[0]), "p", "prescriptionUpdates", Queries.PrescriptionUpdates,
            before: 7, total: PerPrescription);
        var written = (await writing).SelectMany(w => w).ToList();

        Assert.Equal(written.OrderBy(k => k).ToList(), regulatorSeen.events.Select(Key).OrderBy(k => k).ToList());
        Assert.Equal(written.Where(k => k.Item1 == prescriptions[0]).ToList(), pharmacySeen.events.Select(Key).ToList());
        foreach (var chain in regulatorSeen.events.GroupBy(e => Key(e).Chain))
        {
            var seqs = chain.Select(e => Key(e).Seq).ToList();
            Assert.Equal(seqs.Order().ToList(), seqs);
        }

        Assert.True(await regulatorSeen.socket.IsQuietAsync(TimeSpan.FromMilliseconds(500)));
        Assert.True(await pharmacySeen.socket.IsQuietAsync(TimeSpan.FromMilliseconds(100)));
        await regulatorSeen.socket.DisposeAsync();
        await pharmacySeen.socket.DisposeAsync();
    }

    /// <summary>
    /// Reads <paramref name="before"/> events, kills the socket, then reconnects with the last cursor
    /// and reads until <paramref name="total"/> events have come over both connections.
    /// </summary>
    private static async Task<(List<JsonNode> events, FeedSocket socket)> ResumeMidStreamAsync(FeedWorld world, FeedSocket socket, string token,
        string id, string field, string query, int before, int total)
    {
        var events = await socket.NextAsync(id, field, before);
        socket.Kill();
        await socket.DisposeAsync();

        var resumed = await FeedSocket.ConnectAsync(world.Ledger.GraphQL, token);
        await resumed.SubscribeAsync(id, query, new JsonObject { ["after"] = events[^1]["cursor"]!.GetValue<string>() });
        events.AddRange(await resumed.NextAsync(id, field, total - before));
        return (events, resumed);
    }
}
