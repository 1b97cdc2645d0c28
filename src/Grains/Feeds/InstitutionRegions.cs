using System.Collections.Concurrent;
using Ddl.Grains.Institutions;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Feeds;

/// <summary>
/// The region of each institution, for the dispensing feed's region filter. Regions change rarely
/// (a new registration event), so a silo keeps each answer for a few minutes instead of asking the
/// institution's grain for every dispensing.
/// </summary>
public sealed class InstitutionRegions(IGrainFactory grains, TimeProvider clock, ILogger<InstitutionRegions> logger)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string? Region, DateTimeOffset Until)> known = new(StringComparer.Ordinal);

    public async ValueTask<string?> RegionOfAsync(string institution)
    {
        var now = clock.GetUtcNow();
        if (known.TryGetValue(institution, out var cached) && cached.Until > now)
        {
            return cached.Region;
        }

        try
        {
            var view = await grains.GetGrain<IInstitutionGrain>(institution).GetAsync();
            known[institution] = (view?.Region, now + Keep);
            return view?.Region;
        }
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException)
        {
            // A dispensing without a region still reaches every feed that does not filter on region.
            logger.LogWarning(e, "Could not look up the region of {Institution}", institution);
            return cached.Region;
        }
    }
}
