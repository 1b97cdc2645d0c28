namespace Ddl.Api.Entries;

/// <summary>A chain by id; its head and entries are read from the store when asked for.</summary>
public sealed record ChainView(string Id);
