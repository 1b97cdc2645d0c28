namespace Ddl.Grains.Feeds;

/// <summary>One event as a subscription hands it to its client.</summary>
/// <param name="Replayed">True when it came from the store (catching up on resume) rather than live.</param>
/// <param name="Cursor">Where the feed stands once this event is delivered (multi-chain feeds only).</param>
public sealed record FeedDelivery(FeedEvent Event, bool Replayed, FeedCursor? Cursor);
