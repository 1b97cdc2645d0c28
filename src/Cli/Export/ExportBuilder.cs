using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Ledger;

namespace Ddl.Cli.Export;

/// <summary>
/// Fetches the chains asked for through GraphQL (for a patient: the patient's chain and every
/// chain its <c>patient.linked</c> entries name), then the institution chains of every institution
/// that authored an entry in them, so that the export verifies with nothing but itself.
/// </summary>
public sealed class ExportBuilder(LedgerClient client)
{
    private const int Page = 1000;

    /// <summary>The type of the entries the ledger writes on a patient's chain for each document issued to them.</summary>
    public const string PatientLinked = "patient.linked";

    public async Task<ExportFile> BuildAsync(IEnumerable<string> chainIds, CancellationToken ct, string? patient = null)
    {
        var genesisText = (await client.ExecuteAsync(Queries.Genesis, ct: ct))["ledger"]!["genesis"]!.GetValue<string>();
        var chains = new List<ExportedChain>();
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(chainIds.Select(id => ChainId.Parse(id).Value));
        if (patient is not null)
        {
            var id = ChainId.Parse(patient);
            if (id.Kind != ChainKind.Patient)
            {
                throw new LedgerException(ErrorCodes.InvalidChainId, $"'{patient}' is not a patient chain id (patient:<id>).");
            }
            pending.Enqueue(id.Value);
        }

        while (pending.TryDequeue(out var id))
        {
            if (!fetched.Add(id))
            {
                continue;
            }

            var (chain, authors) = await FetchChainAsync(id, ct);
            chains.Add(chain);
            foreach (var author in authors.Where(a => Authors.IsInstitution(a) && !fetched.Contains(a)))
            {
                pending.Enqueue(author);
            }
            if (id == patient)
            {
                foreach (var linked in LinkedChains(chain).Where(l => !fetched.Contains(l)))
                {
                    pending.Enqueue(linked);
                }
            }
        }

        // Institutions first: a verifier builds its key directory from them before anything else.
        var ordered = chains.OrderBy(c => IsInstitution(c.Id) ? 0 : 1).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        return new ExportFile((JsonObject)JsonNode.Parse(genesisText)!, ordered, LedgerTime.Format(DateTimeOffset.UtcNow));
    }

    /// <summary>
    /// The chains a patient's chain links (<c>patient.linked</c> entries, body <c>{"chain": id, …}</c>).
    /// Read leniently: a malformed entry is the verifier's to report, not the exporter's.
    /// </summary>
    private static IEnumerable<string> LinkedChains(ExportedChain patient)
    {
        foreach (var entry in patient.Entries)
        {
            var submission = JsonNode.Parse(entry.Canonical)?["submission"];
            if (submission?["type"]?.GetValue<string>() == PatientLinked
                && submission["body"]?["chain"] is JsonValue chain && chain.TryGetValue<string>(out var id) && ChainId.TryParse(id, out _))
            {
                yield return id;
            }
        }
    }

    private static bool IsInstitution(string id) => id.StartsWith("institution:", StringComparison.Ordinal);

    private async Task<(ExportedChain Chain, HashSet<string> Authors)> FetchChainAsync(string id, CancellationToken ct)
    {
        var entries = new List<ExportedEntry>();
        var authors = new HashSet<string>(StringComparer.Ordinal);
        long from = 0;
        while (true)
        {
            var data = await client.ExecuteAsync(Queries.ChainPage, new JsonObject { ["id"] = id, ["from"] = from, ["first"] = Page }, ct);
            var page = data["chain"]!["entries"]!.AsArray();
            foreach (var e in page)
            {
                entries.Add(new ExportedEntry(e!["hash"]!.GetValue<string>(), e["canonical"]!.GetValue<string>()));
                authors.Add(e["author"]!.GetValue<string>());
            }

            if (page.Count < Page)
            {
                return (new ExportedChain(id, entries), authors);
            }

            from += page.Count;
        }
    }
}
