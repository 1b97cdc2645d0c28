using Ddl.Api.Entries;
using Ddl.Api.Fhir;
using Ddl.Api.Institutions;
using Ddl.Api.Ledgers;
using Ddl.Api.Notary;
using Ddl.Api.Patients;
using Ddl.Api.Reports;
using GraphQL.Types;

namespace Ddl.Api.Schema;

/// <summary>The query root: each concern adds its own fields (one line each).</summary>
public sealed class LedgerQuery : ObjectGraphType
{
    public LedgerQuery()
    {
        Name = "Query";
        LedgerQueries.AddTo(this);
        EntryQueries.AddTo(this);
        InstitutionQueries.AddTo(this);
        DocumentQueries.AddTo(this);
        FhirQueries.AddTo(this);
        NotaryQueries.AddTo(this);
        ReportQueries.AddTo(this);
        AlertQueries.AddTo(this);
    }
}
