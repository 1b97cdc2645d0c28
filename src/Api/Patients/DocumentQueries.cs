using Ddl.Api.Auth;
using Ddl.Api.Prescriptions;
using Ddl.Api.Treatments;
using Ddl.Grains.Patients;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Patients;

/// <summary>Prescriptions, treatment sheets and a patient's record, each behind <see cref="Access"/>.</summary>
public static class DocumentQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<PrescriptionGraphType>("prescription")
            .Description("A prescription with its items, issues and dispensings (its patient, issuer, any pharmacy, regulators).")
            .Argument<NonNullGraphType<StringGraphType>>("id", "`prescription:<local>`.")
            .ResolveAsync(async c =>
            {
                var id = Id(c, ChainKind.Prescription);
                await Access.RequireReadAsync(c, id);
                return await Grains(c).GetGrain<IPrescriptionGrain>(id).GetAsync();
            });

        query.Field<TreatmentSheetGraphType>("treatmentSheet")
            .Description("A treatment sheet (its patient, any medical centre, regulators).")
            .Argument<NonNullGraphType<StringGraphType>>("id", "`treatment:<local>`.")
            .ResolveAsync(async c =>
            {
                var id = Id(c, ChainKind.Treatment);
                await Access.RequireReadAsync(c, id);
                return await Grains(c).GetGrain<ITreatmentGrain>(id).GetAsync();
            });

        query.Field<NonNullGraphType<PatientRecordGraphType>>("myRecord")
            .Description("The calling patient's own record (a patient token).")
            .ResolveAsync(async c =>
            {
                var caller = Access.RequireCaller(c);
                Access.RequireRole(caller, Roles.Patient);
                return await RecordAsync(Grains(c), ChainId.Parse(caller.Subject).Value);
            });

        query.Field<NonNullGraphType<PatientRecordGraphType>>("patientRecord")
            .Description("A patient's record by pseudonymous id (the patient, regulators, admins).")
            .Argument<NonNullGraphType<StringGraphType>>("id", "`patient:<local>`.")
            .ResolveAsync(async c =>
            {
                var id = Id(c, ChainKind.Patient);
                await Access.RequireReadAsync(c, id);
                return await RecordAsync(Grains(c), id);
            });
    }

    public static async Task<PatientRecord> RecordAsync(IGrainFactory grains, string patient)
    {
        var linked = await grains.GetGrain<IPatientGrain>(patient).GetLinkedChainsAsync();
        var prescriptions = new List<PrescriptionView>();
        var treatments = new List<TreatmentView>();
        foreach (var chain in linked)
        {
            switch (ChainId.Parse(chain).Kind)
            {
                case ChainKind.Prescription when await grains.GetGrain<IPrescriptionGrain>(chain).GetAsync() is { } p:
                    prescriptions.Add(p);
                    break;
                case ChainKind.Treatment when await grains.GetGrain<ITreatmentGrain>(chain).GetAsync() is { } t:
                    treatments.Add(t);
                    break;
            }
        }

        return new PatientRecord(patient, prescriptions, treatments);
    }

    private static IGrainFactory Grains(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<IGrainFactory>();

    private static string Id(IResolveFieldContext c, ChainKind kind)
    {
        var id = ChainId.Parse(c.GetArgument<string>("id"));
        return id.Kind == kind ? id.Value : throw new LedgerException(ErrorCodes.InvalidChainId, $"'{id}' is not a {kind.ToString().ToLowerInvariant()} id.");
    }
}
