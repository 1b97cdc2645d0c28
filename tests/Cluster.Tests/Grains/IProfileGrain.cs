namespace Ddl.Cluster.Tests.Grains;

/// <summary>A grain whose state lives in the "ddl" ADO.NET grain storage.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    /// <summary>The name, the storage etag and the silo that answered.</summary>
    Task<ProfileView> ReadAsync();

    Task ClearAsync();
}

[GenerateSerializer, Immutable]
public sealed record ProfileView([property: Id(0)] string? Name, [property: Id(1)] string? ETag, [property: Id(2)] bool RecordExists, [property: Id(3)] string Silo);

[GenerateSerializer]
public sealed class ProfileState
{
    [Id(0)] public string? Name { get; set; }
}
