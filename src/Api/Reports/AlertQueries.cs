using Ddl.Api.Auth;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Reports.Alerts;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Reports;

/// <summary>PDMP-style alerts for regulators, each naming the definition and version that raised it.</summary>
public static class AlertQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertGraphType>>>>("alerts")
            .Description("Alerts raised by the configured definitions for windows ending at `asOf` (default: now). Regulators and admins.")
            .Argument<StringGraphType>("asOf", "End of the windows, e.g. 2026-11-25T00:00:00.000Z.")
            .ResolveAsync(async c =>
            {
                Access.RequireRegulator(c);
                var asOf = c.GetArgument<string?>("asOf") is { } text ? LedgerTime.Parse(text) : DateTimeOffset.UtcNow;
                var services = c.RequestServices!;
                var definitions = services.GetService<AlertDefinitions>() ?? new AlertDefinitions();
                return await AlertReader.For(services.GetRequiredService<IEntryStore>()).EvaluateAsync(definitions, asOf, c.CancellationToken);
            });
    }
}

public sealed class AlertGraphType : ObjectGraphType<Alert>
{
    public AlertGraphType()
    {
        Name = "Alert";
        Description = "A PDMP-style alert: which definition and version raised it, for which patient, why, and the dispensings behind it.";
        Field(a => a.Definition).Description("The definition's id: multiple-providers, opioid-benzodiazepine, early-refill or daily-mme.");
        Field(a => a.Version).Description("The definition's version (for daily-mme also the conversion table's).");
        Field(a => a.Patient).Description("The patient's pseudonymous chain id.");
        Field(a => a.Reason).Description("What was found.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertEvidenceGraphType>>>>("evidence").Description("The dispensing entries it rests on (at most 50).").Resolve(c => c.Source.Evidence);
    }
}

public sealed class AlertEvidenceGraphType : ObjectGraphType<AlertEvidence>
{
    public AlertEvidenceGraphType()
    {
        Name = "AlertEvidence";
        Description = "A dispensing entry behind an alert; fetch its proof with entryProof(chain, seq).";
        Field(e => e.Chain).Description("The prescription chain.");
        Field<NonNullGraphType<LongGraphType>>("seq").Description("The entry's seq.").Resolve(c => c.Source.Seq);
        Field(e => e.Hash).Description("The entry's hash.");
        Field(e => e.Atc, nullable: true).Description("The drug's ATC code.");
        Field(e => e.At).Description("When the ledger recorded it.");
    }
}
