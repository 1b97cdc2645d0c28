using Ddl.Fhir.Custodial;
using Ddl.Fhir.Gateway;
using Ddl.Fhir.Outbound;
using Ddl.Ledger;

namespace Ddl.Fhir;

public static class FhirServices
{
    /// <summary>
    /// The FHIR gateway, exporter and custodial signing. Custodial keys live under
    /// <paramref name="keysDir"/> (the data folder's keys); <paramref name="authorityId"/> and
    /// <paramref name="authorityKey"/> publish their public halves. Needs an <see cref="Gateway.IFhirPolicy"/> registered beside it.
    /// </summary>
    public static IServiceCollection AddLedgerFhir(this IServiceCollection services, string keysDir, string authorityId, SigningKey authorityKey)
    {
        services.AddSingleton(new CustodialKeyVault(keysDir));
        services.AddSingleton(new CustodialAuthority(authorityId, authorityKey));
        services.AddSingleton<CustodialSigning>();
        services.AddSingleton<RecordExporter>();
        services.AddSingleton<FhirGateway>();
        return services;
    }
}
