using System.Text.Json.Nodes;
using Ddl.Fhir.Codes;
using Ddl.Grains.Treatments;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Outbound;

/// <summary>
/// A treatment sheet's chain as FHIR: its creation as a CarePlan with one inline activity per
/// line, each administration as a MedicationAdministration and each procedure done as a
/// Procedure, both pointing at the CarePlan.
/// </summary>
public static class TreatmentExport
{
    /// <param name="created">The chain's creation entry (seq 0): the lines that later entries name by index.</param>
    public static IEnumerable<DomainResource> Resources(ChainEntry entry, TreatmentView view, ChainEntry created) => entry.Submission.Type switch
    {
        TreatmentEvents.Created => [Plan(entry, view)],
        TreatmentEvents.Administered => [Administration(entry, view, created)],
        TreatmentEvents.ProcedureDone => [Procedure(entry, view, created)],
        _ => [],
    };

    private static CarePlan Plan(ChainEntry entry, TreatmentView view)
    {
        var body = entry.Submission.Body;
        var local = ChainId.Parse(view.Id).Local;
        var plan = new CarePlan
        {
            Id = Exported.Id(local),
            Identifier = [new Identifier(FhirSystems.Treatment, local)],
            Status = view.Cancelled ? RequestStatus.Revoked : RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Order,
            Subject = Exported.Patient(view.Patient),
            Author = Exported.Institution(view.Issuer),
            CreatedElement = Exported.DateTime(entry.Entry.RecordedAt),
        };
        if (view.ValidUntil is { } until)
        {
            plan.Period = new Period { EndElement = Exported.DateTime(until) };
        }

        foreach (var (line, i) in Lines(body, "medications"))
        {
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.MedicationRequest,
                    Status = view.Medications[i].Administered >= view.Medications[i].Quantity ? CarePlan.CarePlanActivityStatus.Completed : CarePlan.CarePlanActivityStatus.InProgress,
                    Product = Exported.Drug(line["drug"]),
                    Quantity = Exported.Quantity(Exported.Integer(line, "quantity"), Exported.Text(line, "unit")!, Exported.Text(line, "unitSystem")),
                    Description = Exported.Text(line, "dose"),
                },
            });
        }

        foreach (var (line, i) in Lines(body, "procedures"))
        {
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.ServiceRequest,
                    Status = view.Procedures[i].Done >= view.Procedures[i].Count ? CarePlan.CarePlanActivityStatus.Completed : CarePlan.CarePlanActivityStatus.InProgress,
                    Code = ProcedureCode(line),
                    Scheduled = new Timing { Repeat = new Timing.RepeatComponent { Count = (int)Exported.Integer(line, "count") } },
                },
            });
        }

        plan.Extension.Add(entry.Reference().ToExtension());
        return plan;
    }

    private static MedicationAdministration Administration(ChainEntry entry, TreatmentView view, ChainEntry created)
    {
        var body = entry.Submission.Body;
        var line = created.Submission.Body["medications"]![(int)Exported.Integer(body, "item")];
        var administration = new MedicationAdministration
        {
            Id = Exported.Id($"{ChainId.Parse(view.Id).Local}.e{entry.Entry.Seq}"),
            Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Medication = Exported.Drug(line!["drug"]),
            Subject = Exported.Patient(view.Patient),
            SupportingInformation = [PlanReference(view)],
            Effective = Exported.DateTime(entry.Entry.RecordedAt),
            Performer = [new MedicationAdministration.PerformerComponent { Actor = Exported.Institution(entry.Submission.Author) }],
            Dosage = new MedicationAdministration.DosageComponent
            {
                Dose = Exported.Quantity(Exported.Integer(body, "quantity"), Exported.Text(body, "unit")!, Exported.Text(line, "unitSystem")),
            },
        };
        administration.Extension.Add(entry.Reference().ToExtension());
        return administration;
    }

    private static Procedure Procedure(ChainEntry entry, TreatmentView view, ChainEntry created)
    {
        var line = created.Submission.Body["procedures"]![(int)Exported.Integer(entry.Submission.Body, "procedure")];
        var procedure = new Procedure
        {
            Id = Exported.Id($"{ChainId.Parse(view.Id).Local}.e{entry.Entry.Seq}"),
            Status = EventStatus.Completed,
            Code = ProcedureCode(line!),
            Subject = Exported.Patient(view.Patient),
            BasedOn = [PlanReference(view)],
            Performed = Exported.DateTime(entry.Entry.RecordedAt),
            Performer = [new Procedure.PerformerComponent { Actor = Exported.Institution(entry.Submission.Author) }],
        };
        procedure.Extension.Add(entry.Reference().ToExtension());
        return procedure;
    }

    private static ResourceReference PlanReference(TreatmentView view) => new("CarePlan/" + ChainId.Parse(view.Id).Local);

    private static CodeableConcept ProcedureCode(JsonNode line) => new()
    {
        Coding = [new Coding(Exported.Text(line, "system"), Exported.Text(line, "code"), Exported.Text(line, "name"))],
        Text = Exported.Text(line, "name"),
    };

    private static IEnumerable<(JsonNode Line, int Index)> Lines(JsonObject body, string name) =>
        (body[name] as JsonArray ?? []).Select((line, i) => (line!, i));
}
