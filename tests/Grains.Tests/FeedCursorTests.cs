using Ddl.Grains.Feeds;
using Ddl.Ledger;

namespace Ddl.Grains.Tests;

public sealed class FeedCursorTests
{
    [Fact]
    public void a_cursor_reads_back_as_the_watermark_and_the_positions_above_it()
    {
        var cursor = new FeedCursor(41, [45, 43, 43, 40, 1_000_000_007]);
        var parsed = FeedCursor.Parse(cursor.ToString());

        Assert.StartsWith("c1.", cursor.ToString());
        Assert.Equal(41, parsed.Watermark);
        Assert.Equal([43L, 45, 1_000_000_007], parsed.Above);
        Assert.Equal(-1, FeedCursor.Parse(new FeedCursor(-1, []).ToString()).Watermark);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2.AA")]
    [InlineData("c1.")]
    [InlineData("c1.!!")]
    [InlineData("c1.gICAgICAgICAgAE")]
    [InlineData("c1.AQUB")]
    public void text_that_is_not_a_cursor_is_refused_with_invalid_cursor(string text) =>
        Assert.Equal(ErrorCodes.InvalidCursor, Assert.Throws<LedgerException>(() => FeedCursor.Parse(text)).Code);

    [Fact]
    public void the_watermark_passes_a_position_only_once_it_was_delivered_a_settle_period_ago()
    {
        var settle = TimeSpan.FromSeconds(2).Ticks;
        var tracker = new CursorTracker(10, [12], now: 0, settle);

        var first = tracker.Deliver(15, now: 1);
        Assert.Equal(10, first.Watermark);
        Assert.Equal([12L, 15], first.Above);

        // 12 (from the earlier cursor) and 15 have now settled; 11 and 14 were either delivered or never existed.
        var later = tracker.Deliver(14, now: settle + 1);
        Assert.Equal(15, later.Watermark);
        Assert.Empty(later.Above);
        var last = tracker.Deliver(20, now: settle + 2);
        Assert.Equal(15, last.Watermark);
        Assert.Equal([20L], last.Above);
        // An earlier event's cursor is a snapshot: later deliveries do not change it.
        Assert.Equal([12L, 15], first.Above);
    }
}
