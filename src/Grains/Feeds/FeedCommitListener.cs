using System.Diagnostics;
using Ddl.Grains.Chains;
using Ddl.Store;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Hands every entry a chain grain on this silo commits to the feed publisher, without waiting.
/// It also reports the commit on the <c>Ddl.Feeds</c> diagnostic source (event <c>Committed</c>,
/// payload the <see cref="StoredEntry"/>), which costs nothing unless something in the process
/// listens: the feeds benchmark does, to time commit-to-subscriber from the commit itself.
/// </summary>
internal sealed class FeedCommitListener(FeedPublisher publisher) : ICommitListener
{
    public const string DiagnosticSource = "Ddl.Feeds";
    public const string CommittedEvent = "Committed";

    private static readonly DiagnosticListener Diagnostics = new(DiagnosticSource);

    public void OnCommitted(StoredEntry entry)
    {
        if (Diagnostics.IsEnabled(CommittedEvent))
        {
            Diagnostics.Write(CommittedEvent, entry);
        }

        publisher.Enqueue(entry);
    }
}
