using Ddl.Store.Schedule;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    [Fact]
    public async Task work_scheduled_together_is_all_recorded_and_a_kind_given_twice_records_nothing()
    {
        var schedule = ScheduleStores.For(Store);
        var chain = NewChain();
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

        await schedule.ScheduleAsync(chain, [("link", at.AddDays(-3)), ("expiry", at.AddDays(-2))]);
        // Scheduling again moves what is there and adds the rest.
        await schedule.ScheduleAsync(chain, [("expiry", at.AddDays(-1)), ("review", at.AddDays(-1))]);
        await Assert.ThrowsAsync<ArgumentException>(() => schedule.ScheduleAsync(chain, [("other", at), ("other", at.AddDays(-4))]));

        // Only this chain's work: other tests share the database.
        var due = (await schedule.DueAsync(at, 100_000)).Where(w => w.Chain == chain).ToList();
        Assert.Equal(
            [("link", at.AddDays(-3)), ("expiry", at.AddDays(-1)), ("review", at.AddDays(-1))],
            due.Select(w => (w.Kind, w.DueAt)).OrderBy(w => w.DueAt).ThenBy(w => w.Kind == "review").ToList());
    }
}
