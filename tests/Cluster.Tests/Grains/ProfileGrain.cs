using Ddl.Cluster.Tests.Support;
using Orleans.Runtime;

namespace Ddl.Cluster.Tests.Grains;

public sealed class ProfileGrain(
    [PersistentState("profile", TestSiloSetup.StorageName)] IPersistentState<ProfileState> profile,
    ILocalSiloDetails silo) : Grain, IProfileGrain
{
    public async Task SetNameAsync(string name)
    {
        profile.State.Name = name;
        await profile.WriteStateAsync();
    }

    public Task<ProfileView> ReadAsync() => Task.FromResult(View());

    public Task ClearAsync() => profile.ClearStateAsync();

    private ProfileView View() => new(profile.State.Name, profile.Etag, profile.RecordExists, silo.SiloAddress.ToString());
}
