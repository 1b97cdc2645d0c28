using Ddl.Cluster.Tests.Grains;
using Ddl.Cluster.Tests.Support;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Ddl.Cluster.Tests.Reminders;

/// <summary>Reminders kept in the project's reminder table by Orleans' ADO.NET reminder service.</summary>
public sealed class ReminderTests(PostgresClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresClusterFixture>
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_registered_reminder_is_stored_and_fires()
    {
        var key = $"tick-{Guid.NewGuid():N}";
        var grain = fixture.Cluster.Client.GetGrain<ITickGrain>(key);

        await grain.StartTickingAsync(Period);

        Assert.Equal(1, await StoredRemindersAsync(key));
        await Eventually.MatchAsync(() => Task.FromResult(TickLog.Of(key)), t => t.Count >= 2, Patience, $"{key} ticked twice");
        await grain.StopTickingAsync();
        Assert.Equal(0, await StoredRemindersAsync(key));
    }

    [Fact]
    public async Task a_reminder_keeps_firing_after_the_silo_hosting_its_grain_crashes()
    {
        var key = $"tick-{Guid.NewGuid():N}";
        var grain = fixture.Cluster.Client.GetGrain<ITickGrain>(key);
        await grain.StartTickingAsync(Period);
        var (before, _) = await Eventually.MatchAsync(() => Task.FromResult(TickLog.Of(key)), t => t.Count >= 2, Patience, $"{key} ticked twice");
        var hostName = before[^1].Silo;
        var host = fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == hostName);

        await fixture.CrashAsync(host);
        // From here the silo is gone: every later tick must come from a survivor.
        var crashedAt = DateTimeOffset.UtcNow;

        var (after, elapsed) = await Eventually.MatchAsync(
            () => Task.FromResult(TickLog.Of(key).Where(t => t.At > crashedAt).ToList()),
            t => t.Count >= 2, Patience, $"{key} ticks twice more after {host.Name} crashed");
        output.WriteLine($"reminder ticking again on {after[0].Silo} {elapsed.TotalSeconds:0.0} s after the crash of {hostName}");
        Assert.All(after, t => Assert.NotEqual(hostName, t.Silo));
        await grain.StopTickingAsync();
    }

    private async Task<long> StoredRemindersAsync(string key)
    {
        // GrainId text is "<grain type>/<key>": match the key part, exactly.
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM orleans_reminders WHERE service_id = $1 AND grain_id LIKE '%/' || $2");
        command.Parameters.Add(new NpgsqlParameter { Value = fixture.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
