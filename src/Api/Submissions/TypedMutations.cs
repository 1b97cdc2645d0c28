using Ddl.Api.Auth;
using Ddl.Grains.Institutions;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Submissions;

/// <summary>
/// One mutation per action of the drug distribution flow. Each takes the author's signed
/// submission (so the ledger never signs on an institution's behalf), checks that it is the
/// event the mutation names and that the token's role may record it, and returns the receipt.
/// </summary>
public static class TypedMutations
{
    private static readonly (string Name, string Type, string[] Roles, string Description)[] Actions =
    [
        ("registerInstitution", Ddl.Ledger.InstitutionEvents.Registered, [Roles.Admin], "A registry authority registers a medical centre, pharmacy or regulator with its keys."),
        ("addInstitutionKey", Ddl.Ledger.InstitutionEvents.KeyAdded, [Roles.Admin, Roles.MedicalCentre, Roles.Pharmacy, Roles.Regulator], "Adds a key to an institution (by the authority or the institution itself)."),
        ("revokeInstitutionKey", Ddl.Ledger.InstitutionEvents.KeyRevoked, [Roles.Admin, Roles.MedicalCentre, Roles.Pharmacy, Roles.Regulator], "Revokes a key: it verifies nothing recorded from now on."),
        ("suspendInstitution", InstitutionLifecycle.Suspended, [Roles.Admin], "A registry authority suspends an institution: it records nothing until reinstated."),
        ("reinstateInstitution", InstitutionLifecycle.Reinstated, [Roles.Admin], "A registry authority lifts a suspension."),
        ("issuePrescription", PrescriptionEvents.Issued, [Roles.MedicalCentre], "A medical centre issues a prescription for a patient; the patient's chain links it."),
        ("claimPrescription", PrescriptionEvents.Claimed, [Roles.Pharmacy], "A pharmacy takes the prescription to dispense it: no other pharmacy may dispense it meanwhile."),
        ("releasePrescription", PrescriptionEvents.Released, [Roles.Pharmacy], "The claiming pharmacy gives the prescription back."),
        ("dispense", PrescriptionEvents.Dispensed, [Roles.Pharmacy], "A pharmacy records handing over all or part of an issue of an item."),
        ("recordNotDispensed", PrescriptionEvents.NotDispensed, [Roles.Pharmacy], "A pharmacy records that an item will not be dispensed, with the reason."),
        ("cancelPrescription", PrescriptionEvents.Cancelled, [Roles.MedicalCentre], "The issuing medical centre cancels what is not yet dispensed."),
        ("correctPrescription", PrescriptionEvents.Corrected, [Roles.MedicalCentre, Roles.Pharmacy], "A new entry that corrects an earlier one of the same author (nothing is rewritten)."),
        ("createTreatmentSheet", TreatmentEvents.Created, [Roles.MedicalCentre], "A medical centre orders medications and procedures for a patient; the patient's chain links it."),
        ("recordAdministration", TreatmentEvents.Administered, [Roles.MedicalCentre], "A medical centre records a drug administered against a treatment sheet."),
        ("recordProcedure", TreatmentEvents.ProcedureDone, [Roles.MedicalCentre], "A medical centre records a procedure done against a treatment sheet."),
        ("cancelTreatmentSheet", TreatmentEvents.Cancelled, [Roles.MedicalCentre], "The medical centre that created a treatment sheet cancels it."),
        ("correctTreatmentSheet", TreatmentEvents.Corrected, [Roles.MedicalCentre], "A new entry that corrects an earlier one of the same author."),
    ];

    public static void AddTo(ObjectGraphType mutation)
    {
        foreach (var (name, type, roles, description) in Actions)
        {
            mutation.Field<NonNullGraphType<ReceiptGraphType>>(name)
                .Description($"{description} Takes a signed `{type}` submission; needs a token of role {string.Join(" or ", roles)} whose subject is the author.")
                .Argument<NonNullGraphType<SignedSubmissionInputType>>("input", $"A signed `{type}` submission.")
                .ResolveAsync(async c =>
                {
                    Access.RequireRole(Access.RequireCaller(c), roles);
                    var signed = SubmissionMutations.ReadInput(c.GetArgument<Dictionary<string, object?>>("input"));
                    return await SubmissionMutations.SubmitAsync(c, c.RequestServices!.GetRequiredService<IGrainFactory>(), signed, type);
                });
        }
    }
}
