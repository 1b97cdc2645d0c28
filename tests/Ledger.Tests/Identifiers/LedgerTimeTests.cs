namespace Ddl.Ledger.Tests.Identifiers;

public class LedgerTimeTests
{
    [Fact]
    public void formats_utc_with_three_fractional_digits_and_z()
    {
        var t = new DateTimeOffset(2026, 11, 25, 18, 0, 0, 5, TimeSpan.FromHours(1));
        Assert.Equal("2026-11-25T17:00:00.005Z", LedgerTime.Format(t));
    }

    [Fact]
    public void truncates_sub_millisecond_precision_instead_of_rounding_into_the_future()
    {
        var t = new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9999);
        Assert.Equal("2026-12-31T23:59:59.999Z", LedgerTime.Format(t));
    }

    [Fact]
    public void parses_its_own_format_back_to_the_same_instant()
    {
        var t = LedgerTime.Parse("2028-02-29T23:59:59.123Z");
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 23, 59, 59, 123, TimeSpan.Zero), t);
        Assert.Equal(TimeSpan.Zero, t.Offset);
    }

    [Theory]
    [InlineData("2026-11-25T17:00:00Z")]
    [InlineData("2026-11-25T17:00:00.00Z")]
    [InlineData("2026-11-25T17:00:00.0000Z")]
    [InlineData("2026-11-25T17:00:00.000+00:00")]
    [InlineData("2026-11-25T17:00:00.000z")]
    [InlineData("2026-11-25t17:00:00.000Z")]
    [InlineData("2026-11-25 17:00:00.000Z")]
    [InlineData("2026-11-25T17:00:00,000Z")]
    [InlineData("2027-02-29T00:00:00.000Z")]
    [InlineData("2026-13-01T00:00:00.000Z")]
    [InlineData("2026-00-01T00:00:00.000Z")]
    [InlineData("2026-11-31T00:00:00.000Z")]
    [InlineData("2026-11-25T24:00:00.000Z")]
    [InlineData("2026-11-25T23:60:00.000Z")]
    [InlineData("2026-12-31T23:59:60.000Z")]
    [InlineData("0000-01-01T00:00:00.000Z")]
    [InlineData("２026-11-25T17:00:00.000Z")]
    [InlineData("")]
    public void refuses_every_other_spelling_with_invalid_time(string text)
    {
        Assert.False(LedgerTime.TryParse(text, out _));
        var ex = Assert.Throws<LedgerException>(() => LedgerTime.Parse(text));
        Assert.Equal(ErrorCodes.InvalidTime, ex.Code);
    }

    [Fact]
    public void ordinal_order_of_formatted_times_is_time_order()
    {
        var earlier = LedgerTime.Format(new DateTimeOffset(2026, 9, 30, 23, 59, 59, 999, TimeSpan.Zero));
        var later = LedgerTime.Format(new DateTimeOffset(2026, 10, 1, 0, 0, 0, 0, TimeSpan.Zero));
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }
}
