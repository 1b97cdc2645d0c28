using Ddl.Grains.Feeds;
using Ddl.Grains.Reports;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ddl.Api.Tests;

/// <summary>The write path's tuning settings reach the services that use them, from the silo's own switches.</summary>
public sealed class TuningSettingsTests
{
    [Fact]
    public async Task the_feed_and_projector_settings_are_read_from_configuration()
    {
        await using var ledger = await RunningLedger.StartAsync(null, null,
            "--Ddl:Feeds:OrderedChains", "1234", "--Ddl:Reports:Coalesce", "00:00:00.025");

        Assert.Equal(1234, ledger.Services.GetRequiredService<IOptions<FeedOptions>>().Value.OrderedChains);
        Assert.Equal(TimeSpan.FromMilliseconds(25), ledger.Services.GetRequiredService<ReportOptions>().Coalesce);
    }

    [Fact]
    public async Task without_them_the_defaults_hold()
    {
        await using var ledger = await RunningLedger.StartAsync();

        Assert.Equal(1_000_000, ledger.Services.GetRequiredService<IOptions<FeedOptions>>().Value.OrderedChains);
        Assert.Equal(TimeSpan.FromMilliseconds(10), ledger.Services.GetRequiredService<ReportOptions>().Coalesce);
    }
}
