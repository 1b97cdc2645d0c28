using Ddl.Cluster.Tests.Grains;
using Ddl.Cluster.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Ddl.Cluster.Tests.Storage;

/// <summary>
/// The storage SQL through Orleans' own AdoNetGrainStorage as a running silo holds it: every way a
/// write or a clear must be refused, key shapes kept apart, and the delete-on-clear variant.
/// </summary>
public sealed class GrainStorageContractTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private const string StateName = "profile";

    private IGrainStorage Storage(string name = TestSiloSetup.StorageName) =>
        fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(name);

    private static GrainId NewGrain() => GrainId.Create("ddltest", $"s-{Guid.NewGuid():N}");

    private static GrainState<ProfileState> State(string? name, string? etag = null) =>
        new(new ProfileState { Name = name }) { ETag = etag };

    [Fact]
    public async Task a_first_write_is_refused_when_a_record_exists_even_a_cleared_one()
    {
        var grain = NewGrain();
        var stored = State("first");
        await Storage().WriteStateAsync(StateName, grain, stored);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, grain, State("second")));

        await Storage().ClearStateAsync(StateName, grain, stored);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, grain, State("third")));
        await Storage().WriteStateAsync(StateName, grain, State("fourth", stored.ETag));
    }

    [Fact]
    public async Task a_write_or_clear_with_an_etag_that_is_not_the_stored_one_is_refused()
    {
        var never = NewGrain();
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, never, State("x", "42")));
        var read = State(null);
        await Storage().ReadStateAsync(StateName, never, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);

        var grain = NewGrain();
        var current = State("v1");
        await Storage().WriteStateAsync(StateName, grain, current);
        var stale = current.ETag;
        await Storage().WriteStateAsync(StateName, grain, current);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync(StateName, grain, State("late", stale)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().ClearStateAsync(StateName, grain, State(null, stale)));
    }

    [Fact]
    public async Task every_write_moves_the_etag_and_reads_back_what_was_written()
    {
        var grain = NewGrain();
        var state = State("Zoë Łukasz 李");
        var etags = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            await Storage().WriteStateAsync(StateName, grain, state);
            etags.Add(state.ETag);
        }

        var read = State(null);
        await Storage().ReadStateAsync(StateName, grain, read);
        Assert.Equal(3, etags.Distinct().Count());
        Assert.Equal(etags[^1], read.ETag);
        Assert.Equal("Zoë Łukasz 李", read.State!.Name);
    }

    [Fact]
    public async Task keys_of_different_shapes_and_state_names_are_separate_records()
    {
        var guid = Guid.NewGuid();
        var grains = new[]
        {
            GrainId.Create(GrainType.Create("ddltest"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("ddltest"), GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            GrainId.Create(GrainType.Create("ddltest"), GrainIdKeyExtensions.CreateIntegerKey(guid.GetHashCode(), "ext")),
            // Not a bare Guid or number: Orleans itself maps such string keys onto Guid and
            // integer keys (dotnet/orleans#9706), which no SQL can tell apart.
            GrainId.Create("ddltest", $"name-{guid:N}"),
        };
        foreach (var (grain, i) in grains.Select((g, i) => (g, i)))
            await Storage().WriteStateAsync(StateName, grain, State($"grain {i}"));
        await Storage().WriteStateAsync("other-state", grains[0], State("other state"));

        foreach (var (grain, i) in grains.Select((g, i) => (g, i)))
        {
            var read = State(null);
            await Storage().ReadStateAsync(StateName, grain, read);
            Assert.Equal($"grain {i}", read.State!.Name);
        }
        var other = State(null);
        await Storage().ReadStateAsync("other-state", grains[0], other);
        Assert.Equal("other state", other.State!.Name);
    }

    [Fact]
    public async Task with_delete_on_clear_the_row_goes_and_a_first_write_may_follow()
    {
        var storage = Storage(TestSiloSetup.DeletingStorageName);
        var grain = NewGrain();
        var state = State("gone soon");
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = state.ETag;
        await storage.WriteStateAsync(StateName, grain, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, State(null, stale)));

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await StoredRowsAsync(grain));
        await storage.WriteStateAsync(StateName, grain, State("back again"));
        Assert.Equal(1L, await StoredRowsAsync(grain));
    }

    private async Task<long> StoredRowsAsync(GrainId grain)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM orleans_storage WHERE service_id = $1 AND grain_id_extension = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = fixture.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Key.ToString() });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
