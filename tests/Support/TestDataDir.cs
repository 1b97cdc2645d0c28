namespace Ddl.Tests.Support;

/// <summary>A data folder of a test's own in the temp folder, deleted with all it holds when disposed.</summary>
public sealed class TestDataDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ddl-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created: the ledger did not get as far as writing its genesis.
        }
    }
}
