using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Ledger;
using GraphQL;

namespace Ddl.Api.Auth;

/// <summary>
/// Who may do what, in one place. Writers must be authenticated as the author they sign as (the
/// signature proves the author wrote it; the token proves the caller is that author now). Readers
/// see what their role allows: institution chains are public; a patient sees only their own
/// records; a medical centre what it issued; a pharmacy a prescription it was given the id of
/// (as with a paper or barcode token); regulators and admins everything.
/// </summary>
public static class Access
{
    public static Caller? CallerOf(IResolveFieldContext context) => Caller.From(context.User);

    public static Caller RequireCaller(IResolveFieldContext context) =>
        CallerOf(context) ?? throw new LedgerException(ErrorCodes.Unauthenticated, "This needs a bearer token (Authorization: Bearer …).");

    public static void RequireRole(Caller caller, params string[] roles)
    {
        if (!roles.Contains(caller.Role))
        {
            throw new LedgerException(ErrorCodes.Forbidden, $"A {caller.Role} token cannot do this; it needs the role {string.Join(" or ", roles)}.");
        }
    }

    /// <summary>The caller's token must name the submission's author.</summary>
    public static void RequireAuthor(IResolveFieldContext context, string author)
    {
        var caller = RequireCaller(context);
        if (caller.Subject != author)
        {
            throw new LedgerException(ErrorCodes.Forbidden,
                $"Your token is for '{caller.Subject}' but the submission is authored by '{author}'; sign and submit as yourself.");
        }
    }

    /// <summary>
    /// Whose report a caller reads (issue 6): a party of <paramref name="ownRole"/> reads only its
    /// own (naming another is refused, naming none means itself); regulators and admins name the
    /// party; every other role is refused. A patient can therefore never reach another patient's
    /// report, worklist or tracker, whatever argument it passes.
    /// </summary>
    public static string ReportParty(IResolveFieldContext context, string ownRole, string? requested)
    {
        var caller = RequireCaller(context);
        if (caller.Role == ownRole)
        {
            return requested is null || requested == caller.Subject
                ? caller.Subject
                : throw new LedgerException(ErrorCodes.Forbidden, $"A {ownRole} token reads only its own report.");
        }

        RequireRole(caller, ownRole, Roles.Regulator, Roles.Admin);
        return requested ?? throw new LedgerException(ErrorCodes.InvalidArgument, $"Name whose report to read (a {ownRole} id).");
    }

    /// <summary>Regulators and admins: aggregates over every institution, and the entries behind them.</summary>
    public static Caller RequireRegulator(IResolveFieldContext context)
    {
        var caller = RequireCaller(context);
        RequireRole(caller, Roles.Regulator, Roles.Admin);
        return caller;
    }

    /// <summary>Refuses unless the caller may read the chain; returns quietly when it may.</summary>
    public static async Task RequireReadAsync(IResolveFieldContext context, string chain)
    {
        var id = ChainId.Parse(chain);
        if (id.Kind == ChainKind.Institution)
        {
            return;
        }

        var caller = RequireCaller(context);
        if (caller.Role is Roles.Admin or Roles.Regulator)
        {
            return;
        }

        var grains = context.RequestServices!.GetRequiredService<IGrainFactory>();
        var allowed = id.Kind switch
        {
            ChainKind.Patient => caller.Role == Roles.Patient && caller.Subject == id.Value,
            ChainKind.Prescription => caller.Role == Roles.Pharmacy
                || await grains.GetGrain<IPrescriptionGrain>(id.Value).GetAsync() is { } p
                    && (caller.Subject == p.Patient || caller.Subject == p.Issuer),
            ChainKind.Treatment => caller.Role == Roles.MedicalCentre
                || await grains.GetGrain<ITreatmentGrain>(id.Value).GetAsync() is { } t && caller.Subject == t.Patient,
            _ => false,
        };
        if (!allowed)
        {
            throw new LedgerException(ErrorCodes.Forbidden, $"Your token ({caller.Role} {caller.Subject}) does not allow reading {chain}.");
        }
    }
}
