namespace Ddl.Store;

/// <summary>
/// (chain, seq) is already taken by another entry. The writer lost a race, or a second
/// activation of the same grain is writing: it must reload the chain, never fork it.
/// </summary>
public sealed class ChainConflictException : Exception
{
    /// <summary>Creates the exception for the taken (chain, seq).</summary>
    public ChainConflictException(string chain, long seq, Exception? innerException = null)
        : base($"Chain '{chain}' already has an entry at seq {seq}; another writer got there first.", innerException)
    {
        Chain = chain;
        Seq = seq;
    }

    /// <summary>The chain whose seq was taken.</summary>
    public string Chain { get; }

    /// <summary>The seq that was taken.</summary>
    public long Seq { get; }
}
