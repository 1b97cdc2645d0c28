namespace Ddl.Bench.Reports;

/// <summary>The GraphQL documents the benchmark sends: what the web pages and a regulator's tools ask.</summary>
public static class Queries
{
    // Everything the patient page shows (src/Web/wwwroot/patient.html's timeline and graph).
    public const string TreatmentReport = """
        query { treatmentReport {
          patient
          prescriptions { chain seq hash patient prescriber prescriberName issuedAt validFrom validUntil status claimedBy
            items { item atc national name dose quantity unit repeats repeatsLeft schedule issuesStarted dispensedTotal status notDispensedReason }
            dispensings { chain seq hash item issue quantity unit productAtc productName batch atc schedule pharmacy pharmacyName prescriber at } }
          treatments { chain seq hash }
        } }
        """;

    public const string Aggregate = """
        query ($filter: AggregateFilter, $groupBy: [AggregateGroupBy!], $orderBy: AggregateOrder, $descending: Boolean, $first: Int) {
          distributionAggregate(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, descending: $descending, first: $first) {
            totalGroups rows { keys count quantity patients } } }
        """;

    public const string Statistics = """
        query ($from: String!, $to: String!) { publicStatistics(fromMonth: $from, toMonth: $to) {
          month total cells { atcClass region count suppressed } classTotals { atcClass count suppressed } regionTotals { region count suppressed } } }
        """;
}
