using Ddl.Api.Auth;
using Ddl.Grains.Feeds;
using Ddl.Ledger;
using GraphQL;

namespace Ddl.Api.Subscriptions;

/// <summary>
/// Who may follow which feed, in one place. A chain's entries follow the rule for reading the chain
/// (<see cref="Access.RequireReadAsync"/>: one rule for queries and subscriptions alike). The
/// dispensing feed is for regulators and admins. Prescription updates are scoped by role: a
/// pharmacy sees the prescriptions it has claimed or dispensed (from its first entry on them on),
/// a medical centre those it issued, a patient their own, regulators and admins all of them.
/// </summary>
public static class FeedAccess
{
    /// <summary>Where the hub files a prescription-updates feed, and what it lets through.</summary>
    public sealed record Scope(string IndexKey, Func<FeedEvent, bool> Matches);

    public static Task RequireChainAsync(IResolveFieldContext context, string chain) => Access.RequireReadAsync(context, chain);

    public static void RequireDispensings(IResolveFieldContext context) =>
        Access.RequireRole(Access.RequireCaller(context), Roles.Regulator, Roles.Admin);

    public static Scope PrescriptionUpdates(IResolveFieldContext context)
    {
        var caller = Access.RequireCaller(context);
        var subject = caller.Subject;
        return caller.Role switch
        {
            Roles.Admin or Roles.Regulator => new Scope("*", e => e.Prescription is not null),
            Roles.Pharmacy => new Scope("party:" + subject, e => e.Prescription?.Pharmacies.Contains(subject) == true),
            Roles.MedicalCentre => new Scope("party:" + subject, e => e.Prescription?.Issuer == subject),
            Roles.Patient => new Scope("party:" + subject, e => e.Prescription?.Patient == subject),
            _ => throw new LedgerException(ErrorCodes.Forbidden, $"A {caller.Role} token has no prescription updates."),
        };
    }
}
