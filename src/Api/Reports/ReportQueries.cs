using Ddl.Api.Auth;
using Ddl.Ledger;
using Ddl.Store.Reports;
using Ddl.Store.Reports.Aggregates;
using Ddl.Store.Reports.Statistics;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Reports;

/// <summary>
/// Reports from the read model (issue 6). Each field settles whose data it reads through
/// <see cref="Access"/>, and records a read of patients' data by anyone but the patient in the
/// access log before answering.
/// </summary>
public static class ReportQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<TreatmentReportGraphType>>("treatmentReport")
            .Description("A patient's treatment report (a patient token: their own; regulators, admins: any, recorded in the patient's access log).")
            .Argument<StringGraphType>("patient", "`patient:<local>`; defaults to the calling patient.")
            .ResolveAsync(async c =>
            {
                var patient = Access.ReportParty(c, Roles.Patient, c.GetArgument<string?>("patient"));
                await RecordAsync(c, [patient], "treatmentReport");
                return await Service<ReportReader>(c).PatientReportAsync(patient, c.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessLogEntryGraphType>>>>("whoReadMyRecord")
            .Description("Every read of the calling patient's data by another party, newest first (a patient token).")
            .Argument<LongGraphType>("before", "Only entries with a smaller id (paging).")
            .Argument<IntGraphType>("first", "At most this many (1-500, default 100).")
            .ResolveAsync(async c =>
            {
                var caller = Access.RequireCaller(c);
                Access.RequireRole(caller, Roles.Patient);
                return await Service<AccessLog>(c).ListAsync(caller.Subject, c.GetArgument<long?>("before"), First(c, 100, 500), c.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorklistItemGraphType>>>>("pharmacyWorklist")
            .Description("Items the pharmacy holds (claimed or partly dispensed), soonest validity end first (a pharmacy token; regulators, admins name one).")
            .Argument<StringGraphType>("pharmacy", "`institution:<local>`; defaults to the calling pharmacy.")
            .Argument<IntGraphType>("first", "Page size (1-500, default 100).")
            .Argument<IntGraphType>("offset", "Rows to skip.")
            .ResolveAsync(async c =>
            {
                var pharmacy = Access.ReportParty(c, Roles.Pharmacy, c.GetArgument<string?>("pharmacy"));
                var rows = await Service<ReportReader>(c).WorklistAsync(pharmacy, First(c, 100, 500), Offset(c), c.CancellationToken);
                await RecordAsync(c, rows.Select(r => r.Patient), "pharmacyWorklist");
                return rows;
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportDispensingGraphType>>>>("dispensingLog")
            .Description("The pharmacy's dispensings, newest first; with a schedule, its controlled-drug register (a pharmacy token; regulators, admins name one).")
            .Argument<StringGraphType>("pharmacy", "`institution:<local>`; defaults to the calling pharmacy.")
            .Argument<StringGraphType>("from", "First day, yyyy-MM-dd.")
            .Argument<StringGraphType>("to", "Last day, yyyy-MM-dd.")
            .Argument<StringGraphType>("schedule", "Only this controlled-drug schedule.")
            .Argument<IntGraphType>("first", "Page size (1-500, default 100).")
            .Argument<IntGraphType>("offset", "Rows to skip.")
            .ResolveAsync(async c =>
            {
                var pharmacy = Access.ReportParty(c, Roles.Pharmacy, c.GetArgument<string?>("pharmacy"));
                var rows = await Service<ReportReader>(c).DispensingLogAsync(pharmacy, c.GetArgument<string?>("from"), c.GetArgument<string?>("to"),
                    c.GetArgument<string?>("schedule"), First(c, 100, 500), Offset(c), c.CancellationToken);
                await RecordAsync(c, rows.Select(r => r.Patient), "dispensingLog");
                return rows;
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrackerItemGraphType>>>>("prescriptionTracker")
            .Description("The medical centre's prescription items with their status, newest first (a medical centre token; regulators, admins name one).")
            .Argument<StringGraphType>("medicalCentre", "`institution:<local>`; defaults to the calling medical centre.")
            .Argument<StringGraphType>("filter", "all (default), open, never_collected or not_dispensed.")
            .Argument<IntGraphType>("first", "Page size (1-500, default 100).")
            .Argument<IntGraphType>("offset", "Rows to skip.")
            .ResolveAsync(async c =>
            {
                var centre = Access.ReportParty(c, Roles.MedicalCentre, c.GetArgument<string?>("medicalCentre"));
                var rows = await Service<ReportReader>(c).TrackerAsync(centre, c.GetArgument<string?>("filter") ?? "all",
                    Service<TimeProvider>(c).GetUtcNow(), First(c, 100, 500), Offset(c), c.CancellationToken);
                await RecordAsync(c, rows.Select(r => r.Patient), "prescriptionTracker");
                return rows;
            });

        query.Field<NonNullGraphType<AggregatePageGraphType>>("distributionAggregate")
            .Description("Dispensings counted, summed and their distinct patients, per group, computed by the database (regulators, admins).")
            .Argument<AggregateFilterInputType>("filter", "Which dispensings count.")
            .Argument<ListGraphType<NonNullGraphType<GroupByGraphType>>>("groupBy", "Dimensions, in key order (none: one total row).")
            .Argument<AggregateOrderGraphType>("orderBy", "KEYS (default), COUNT, QUANTITY or PATIENTS.")
            .Argument<BooleanGraphType>("descending", "Largest first.")
            .Argument<IntGraphType>("first", $"Page size (1-{AggregateReader.MaxPage}, default 100).")
            .Argument<IntGraphType>("offset", "Rows to skip.")
            .ResolveAsync(async c =>
            {
                Access.RequireRegulator(c);
                return await Service<AggregateReader>(c).AggregateAsync(c.GetArgument<AggregateFilter?>("filter") ?? new AggregateFilter(),
                    c.GetArgument<List<GroupBy>?>("groupBy") ?? [], c.GetArgument("orderBy", AggregateOrder.Keys), c.GetArgument("descending", false),
                    First(c, 100, AggregateReader.MaxPage), Offset(c), c.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportDispensingGraphType>>>>("aggregateEntries")
            .Description("Drill-down: the dispensing entries behind one `distributionAggregate` row (regulators, admins; recorded in each patient's access log).")
            .Argument<AggregateFilterInputType>("filter", "The aggregate's filter.")
            .Argument<ListGraphType<NonNullGraphType<GroupByGraphType>>>("groupBy", "The aggregate's groupBy.")
            .Argument<NonNullGraphType<ListGraphType<StringGraphType>>>("key", "The row's keys.")
            .Argument<IntGraphType>("first", $"Page size (1-{AggregateReader.MaxPage}, default 100).")
            .Argument<IntGraphType>("offset", "Rows to skip.")
            .ResolveAsync(async c =>
            {
                Access.RequireRegulator(c);
                var rows = await Service<AggregateReader>(c).DrillDownAsync(c.GetArgument<AggregateFilter?>("filter") ?? new AggregateFilter(),
                    c.GetArgument<List<GroupBy>?>("groupBy") ?? [], c.GetArgument<List<string?>>("key"), First(c, 100, AggregateReader.MaxPage),
                    Offset(c), c.CancellationToken);
                await RecordAsync(c, rows.Select(r => r.Patient), "aggregateEntries");
                return rows;
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsMonthGraphType>>>>("publicStatistics")
            .Description("Dispensings by ATC level-3 class, pharmacy region and month, no token needed; counts 1-10, and any count they could be worked out from, are suppressed.")
            .Argument<NonNullGraphType<StringGraphType>>("fromMonth", "yyyy-MM.")
            .Argument<NonNullGraphType<StringGraphType>>("toMonth", $"yyyy-MM, at most {PublicStatistics.MaxMonths - 1} months later.")
            .ResolveAsync(async c => await Service<PublicStatistics>(c).MonthsAsync(c.GetArgument<string>("fromMonth"), c.GetArgument<string>("toMonth"), c.CancellationToken));
    }

    private static T Service<T>(IResolveFieldContext c) where T : notnull => c.RequestServices!.GetRequiredService<T>();

    private static Task RecordAsync(IResolveFieldContext c, IEnumerable<string> patients, string field)
    {
        var caller = Access.RequireCaller(c);
        return Service<AccessLog>(c).RecordAsync(patients, caller.Subject, caller.Role, field, Service<TimeProvider>(c).GetUtcNow(), c.CancellationToken);
    }

    private static int First(IResolveFieldContext c, int fallback, int max)
    {
        var first = c.GetArgument("first", fallback);
        return first >= 1 && first <= max ? first : throw new LedgerException(ErrorCodes.InvalidArgument, $"first must be 1 to {max}.");
    }

    private static int Offset(IResolveFieldContext c)
    {
        var offset = c.GetArgument("offset", 0);
        return offset >= 0 ? offset : throw new LedgerException(ErrorCodes.InvalidArgument, "offset must be at least 0.");
    }
}
