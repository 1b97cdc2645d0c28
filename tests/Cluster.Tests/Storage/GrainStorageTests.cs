using Ddl.Cluster.Tests.Grains;
using Ddl.Cluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Ddl.Cluster.Tests.Storage;

/// <summary>Grain state in the project's storage table through Orleans' ADO.NET grain storage.</summary>
public sealed class GrainStorageTests(PostgresClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IProfileGrain NewGrain() => fixture.Cluster.Client.GetGrain<IProfileGrain>($"profile-{Guid.NewGuid():N}");

    [Fact]
    public async Task written_state_is_read_back_by_a_new_activation()
    {
        var grain = NewGrain();
        await grain.SetNameAsync("Ana");
        var written = await grain.ReadAsync();

        await fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.ReadAsync();

        Assert.Equal("Ana", read.Name);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task written_state_survives_the_crash_of_the_silo_that_held_the_grain()
    {
        var grain = NewGrain();
        await grain.SetNameAsync("Bo");
        var before = await grain.ReadAsync();
        var host = fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == before.Silo);

        await fixture.CrashAsync(host);

        var (after, elapsed) = await Eventually.MatchAsync(grain.ReadAsync, v => v.Silo != before.Silo, Patience, "the grain answers from another silo");
        output.WriteLine($"grain back on {after.Silo} {elapsed.TotalSeconds:0.0} s after the crash of {host.Name}");
        Assert.Equal("Bo", after.Name);
        Assert.Equal(before.ETag, after.ETag);
        await grain.SetNameAsync("Bo 2");
        Assert.Equal("Bo 2", (await grain.ReadAsync()).Name);
    }

    [Fact]
    public async Task a_write_with_a_stale_etag_fails_with_an_inconsistent_state_exception()
    {
        var grain = NewGrain();
        await grain.SetNameAsync("Cy");
        var active = await grain.ReadAsync();

        // A second writer moves the stored version under the active grain's feet.
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(TestSiloSetup.StorageName);
        var state = new GrainState<ProfileState>();
        await storage.ReadStateAsync("profile", grain.GetGrainId(), state);
        Assert.Equal(active.ETag, state.ETag);
        state.State!.Name = "someone else";
        await storage.WriteStateAsync("profile", grain.GetGrainId(), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetNameAsync("Cy 2"));

        var stored = new GrainState<ProfileState>();
        await storage.ReadStateAsync("profile", grain.GetGrainId(), stored);
        Assert.Equal("someone else", stored.State!.Name);
    }

    [Fact]
    public async Task a_cleared_state_reads_back_as_absent_and_can_be_written_again()
    {
        var grain = NewGrain();
        await grain.SetNameAsync("Di");
        await grain.ClearAsync();
        await fixture.Cluster.DeactivateAsync(grain);

        var cleared = await grain.ReadAsync();
        Assert.Null(cleared.Name);
        Assert.False(cleared.RecordExists);
        Assert.NotNull(cleared.ETag);

        await grain.SetNameAsync("Di 2");
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal("Di 2", (await grain.ReadAsync()).Name);
    }
}
