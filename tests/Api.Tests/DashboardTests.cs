using Ddl.Tests.Support;

namespace Ddl.Api.Tests;

public sealed class DashboardTests
{
    [Fact]
    public async Task the_orleans_dashboard_is_served_only_when_asked_for()
    {
        await using (var plain = await RunningLedger.StartAsync())
        {
            using var absent = await plain.Http.GetAsync(new Uri(plain.GraphQL, "/dashboard"));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, absent.StatusCode);
        }

        await using var ledger = await RunningLedger.StartAsync(null, null, "--dashboard", "true");
        using var page = await ledger.Http.GetAsync(new Uri(ledger.GraphQL, "/dashboard"));
        Assert.True(page.IsSuccessStatusCode, $"GET /dashboard answered {(int)page.StatusCode}");
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
