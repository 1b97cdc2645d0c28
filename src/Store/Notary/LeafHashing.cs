namespace Ddl.Store.Notary;

/// <summary>
/// Runs a seal plan's CPU work beside the database's, a chunk of leaves at a time: one task hashes
/// the leaves, another appends them to the log as they come, and the seal streams each chunk to
/// the database as soon as it is hashed. On 2 cores, the work runs while the COPY waits on the server.
/// </summary>
internal sealed class LeafHashing
{
    private const int Chunk = 4096;

    private readonly SealPlan _plan;
    private readonly TaskCompletionSource[] _chunks;

    private LeafHashing(SealPlan plan)
    {
        _plan = plan;
        _chunks = new TaskCompletionSource[(plan.Leaves.Count + Chunk - 1) / Chunk];
        for (var c = 0; c < _chunks.Length; c++)
        {
            _chunks[c] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when every leaf is hashed and appended to the log (or with the first failure).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public static LeafHashing Start(SealPlan plan, CancellationToken ct)
    {
        var hashing = new LeafHashing(plan);
        // Not Task.Run(..., ct): a run that never starts would leave the writer waiting on its chunks.
        var hashed = Task.Run(() => hashing.Run(ct));
        hashing.Completion = Task.WhenAll(hashed, Task.Run(hashing.AppendAsync));
        return hashing;
    }

    /// <summary>Whether <paramref name="index"/> is the first leaf of a chunk: the writer need only wait there.</summary>
    public bool ChunkStartsAt(int index) => index % Chunk == 0;

    /// <summary>Waits until the leaf at <paramref name="index"/> and the rest of its chunk are hashed.</summary>
    public Task ReadyAsync(int index) => _chunks[index / Chunk].Task;

    private void Run(CancellationToken ct)
    {
        var chunk = 0;
        try
        {
            for (; chunk < _chunks.Length; chunk++)
            {
                ct.ThrowIfCancellationRequested();
                _plan.Hash(chunk * Chunk, Math.Min(_plan.Leaves.Count, (chunk + 1) * Chunk));
                _chunks[chunk].SetResult();
            }
        }
        catch (Exception e)
        {
            // Whoever waits on a later chunk (the writer, the appender) must fail too, not wait forever.
            for (; chunk < _chunks.Length; chunk++)
            {
                _chunks[chunk].TrySetException(e);
            }
            throw;
        }
    }

    private async Task AppendAsync()
    {
        for (var chunk = 0; chunk < _chunks.Length; chunk++)
        {
            await _chunks[chunk].Task;
            _plan.Append(chunk * Chunk, Math.Min(_plan.Leaves.Count, (chunk + 1) * Chunk));
        }
    }
}
