using System.Net;
using Ddl.Silo.Configuration;
using Orleans.Configuration;

namespace Ddl.Silo.Cluster;

/// <summary>Who this silo is in the cluster: ids, name and the address the others dial.</summary>
public static class ClusterEndpoints
{
    public static ISiloBuilder UseClusterIdentity(this ISiloBuilder silo, DdlOptions options)
    {
        var advertised = AdvertisedAddress(options);
        // On loopback (a cluster on one machine) listen on loopback only: nothing outside this
        // machine should reach the silo. Elsewhere (a pod IP) listen on every interface, as the
        // Orleans Kubernetes guidance says, and advertise the given address.
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort,
            listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (!string.IsNullOrWhiteSpace(options.SiloName))
            silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
        return silo;
    }

    /// <exception cref="ArgumentException">The setting is not an IP address; the message names it.</exception>
    public static IPAddress AdvertisedAddress(DdlOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AdvertiseIp))
            return IPAddress.Loopback;
        return IPAddress.TryParse(options.AdvertiseIp.Trim(), out var address)
            ? address
            : throw new ArgumentException(
                $"Ddl:AdvertiseIp (--advertise-ip, DDL_ADVERTISE_IP) must be an IP address, not \"{options.AdvertiseIp}\".");
    }
}
