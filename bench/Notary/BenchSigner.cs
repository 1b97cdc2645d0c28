using Ddl.Ledger;
using Ddl.Store.Notary;

namespace Ddl.Bench.Notary;

/// <summary>Signs checkpoints as the notary grain does, with a key made for the run.</summary>
public sealed class BenchSigner : IDisposable
{
    private readonly SigningKey _key = SigningKey.Generate("notary-bench");

    public SignedCheckpoint Sign(CheckpointDraft draft)
    {
        var checkpoint = Checkpoint.Create("ddl-bench", draft.Number, draft.Size, draft.Root, DateTimeOffset.UtcNow, _key.Id);
        return new SignedCheckpoint(checkpoint, checkpoint.Sign(_key));
    }

    public void Dispose() => _key.Dispose();
}
