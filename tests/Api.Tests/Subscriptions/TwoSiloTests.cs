using System.Text.Json.Nodes;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>
/// Two ledger processes' worth of hosts forming one Orleans cluster on PostgreSQL (same data folder,
/// so the same genesis and token key): a socket on either silo sees what is written through the other,
/// and a cursor handed out by one silo resumes on the other.
/// </summary>
public sealed class TwoSiloTests
{
    [Fact]
    public async Task a_dispensing_written_through_silo_a_reaches_subscribers_on_both_silos_and_a_cursor_from_b_resumes_on_a()
    {
        var postgres = await PostgresSchemas.CreateAsync("ddl_feed2");
        using var data = new TestDataDir(); // disposed last, after both silos
        var dataDir = data.Path;
        var cluster = new[] { "--cluster-id", "feeds-" + Guid.NewGuid().ToString("N")[..8] };
        await using var a = await RunningLedger.StartAsync(dataDir, postgres, cluster);
        await using var b = await RunningLedger.StartAsync(dataDir, postgres, cluster);
        await WaitForSilosAsync(a, 2);

        var writer = new FeedWorld(a);
        var centre = await writer.RegisterAsync("medical_centre");
        var pharmacy = await writer.RegisterAsync("pharmacy");
        var rx = await writer.IssueAsync(centre, TestLedger.NewId("patient"), Item("N02BE01", "Paracetamol 500 mg", 100));
        var regulator = writer.Token(TestLedger.NewId("institution"), "regulator");

        var onB = await FeedSocket.ConnectAsync(b.GraphQL, regulator);
        await onB.SubscribeAsync("d", Queries.Dispensings);
        await using var pharmacyOnA = await FeedSocket.ConnectAsync(a.GraphQL, writer.Token(pharmacy));
        await pharmacyOnA.SubscribeAsync("p", Queries.PrescriptionUpdates);
        await new FeedWorld(b).WaitForFeedsAsync(1);
        await writer.WaitForFeedsAsync(1);

        var written = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            written.Add((await writer.DispenseAsync(pharmacy, rx, 1, 1))["hash"]!.GetValue<string>());
        }

        var seenOnB = await onB.NextAsync("d", "dispensings", 2);
        var seenOnA = await pharmacyOnA.NextAsync("p", "prescriptionUpdates", 2);
        Assert.Equal(written, seenOnB.Select(e => e["hash"]!.GetValue<string>()));
        Assert.Equal(written, seenOnA.Select(e => e["hash"]!.GetValue<string>()));

        // B's socket dies; two more are written; the regulator resumes on A with B's cursor.
        onB.Kill();
        await onB.DisposeAsync();
        for (var i = 0; i < 2; i++)
        {
            written.Add((await writer.DispenseAsync(pharmacy, rx, 1, 1))["hash"]!.GetValue<string>());
        }

        await using var onA = await FeedSocket.ConnectAsync(a.GraphQL, regulator);
        await onA.SubscribeAsync("d", Queries.Dispensings, new JsonObject { ["after"] = seenOnB[^1]["cursor"]!.GetValue<string>() });
        var resumed = await onA.NextAsync("d", "dispensings", 2);
        Assert.Equal(written[2..], resumed.Select(e => e["hash"]!.GetValue<string>()));
        Assert.All(resumed, e => Assert.True(e["replayed"]!.GetValue<bool>()));
        Assert.True(await onA.IsQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    private static async Task WaitForSilosAsync(RunningLedger ledger, int count)
    {
        var management = ledger.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await management.GetHosts(onlyActive: true)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the cluster did not reach {count} silos");
            await Task.Delay(200);
        }
    }
}
