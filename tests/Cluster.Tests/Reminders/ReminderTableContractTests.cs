using Ddl.Cluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit;

namespace Ddl.Cluster.Tests.Reminders;

/// <summary>
/// The reminder SQL through Orleans' own ADO.NET reminder table (internal, so resolved the way a
/// silo does): etags, the remove truth table, and range reads over the signed hash ring.
/// </summary>
public sealed class ReminderTableContractTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    // A '/' in the service id, as Orleans' own tests use, to be sure nothing parses it.
    private readonly string _serviceId = $"contract/{Guid.NewGuid():N}";
    private ServiceProvider? _services;
    private IReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "contract";
            o.ServiceId = _serviceId;
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = TestSiloSetup.Invariant;
            o.DataSource = fixture.Database.DataSource;
        }));
        _services = services.BuildServiceProvider();
        _table = _services.GetRequiredService<IReminderTable>();
        await _table.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
    }

    [Fact]
    public async Task an_upsert_returns_a_new_etag_and_a_remove_needs_the_current_one()
    {
        var grain = NewGrain();
        var entry = Entry(grain, "ré/mi#nd?er_1 ü", TimeSpan.FromMinutes(3));

        var first = await _table.UpsertRow(entry) ?? throw new InvalidOperationException("no etag");
        var read = await _table.ReadRow(grain, entry.ReminderName);
        Assert.NotNull(read);
        Assert.Equal(first, read.ETag);
        Assert.Equal(entry.ReminderName, read.ReminderName);
        Assert.Equal(entry.Period, read.Period);
        Assert.Equal(entry.StartAt, read.StartAt);
        var second = await _table.UpsertRow(entry) ?? throw new InvalidOperationException("no etag");
        Assert.NotEqual(first, second);

        Assert.False(await _table.RemoveRow(grain, entry.ReminderName, first), "a stale etag");
        Assert.False(await _table.RemoveRow(grain, "another name", second), "a wrong name");
        Assert.True(await _table.RemoveRow(grain, entry.ReminderName, second));
        Assert.False(await _table.RemoveRow(grain, entry.ReminderName, second), "already gone");
        Assert.Null(await _table.ReadRow(grain, entry.ReminderName));
    }

    [Fact]
    public async Task five_concurrent_upserts_of_one_reminder_get_five_distinct_etags()
    {
        var entry = Entry(NewGrain(), "busy", TimeSpan.FromMinutes(1));

        var etags = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => _table.UpsertRow(entry))));

        Assert.Equal(5, etags.Distinct().Count());
    }

    [Fact]
    public async Task a_period_beyond_int_max_milliseconds_is_kept_whole()
    {
        var grain = NewGrain();
        var entry = Entry(grain, "monthly", TimeSpan.FromDays(40));

        await _table.UpsertRow(entry);

        Assert.Equal(TimeSpan.FromDays(40), (await _table.ReadRow(grain, "monthly"))!.Period);
    }

    [Fact]
    public async Task reads_by_grain_return_only_that_grains_reminders()
    {
        var grain = NewGrain();
        await _table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(NewGrain(), "a", TimeSpan.FromMinutes(1)));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task range_reads_follow_the_hash_ring_including_wrapped_and_whole_ranges()
    {
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToList();
        await Task.WhenAll(grains.Select(g => _table.UpsertRow(Entry(g, "ring", TimeSpan.FromMinutes(1)))));
        var random = new Random(7);
        var ranges = new List<(uint Begin, uint End)> { (0, uint.MaxValue), (0, 0), (uint.MaxValue / 2, uint.MaxValue / 2) };
        for (var i = 0; i < 30; i++)
            ranges.Add(((uint)random.NextInt64(0, uint.MaxValue), (uint)random.NextInt64(0, uint.MaxValue)));

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToHashSet();
            var read = (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Where(grains.Contains).ToHashSet();
            Assert.True(expected.SetEquals(read), $"range ({begin}, {end}]: expected {expected.Count} grains, read {read.Count}");
        }
    }

    /// <summary>Orleans' ring: (begin, end], wrapping past uint.MaxValue; begin = end is the whole ring.</summary>
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId NewGrain() => GrainId.Create("ddltest", $"r-{Guid.NewGuid():N}");

    // Whole seconds: what Orleans' own tests hold the table to.
    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc),
        Period = period,
    };
}
