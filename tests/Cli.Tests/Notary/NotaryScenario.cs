using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Store.Notary;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ddl.Cli.Tests.Notary;

/// <summary>
/// A ledger on a PostgreSQL schema of its own, sealing every 300 ms, with a registered medical
/// centre that has written notes on one patient's chain; plus what a test needs to export, verify
/// and tamper with the database behind the ledger's back.
/// </summary>
public sealed class NotaryScenario : IAsyncDisposable
{
    private const string Submit = "mutation($input: SignedSubmissionInput!) { submit(input: $input) { chain seq hash } }";

    private NotaryScenario(RunningLedger ledger, string connection, string clinic, SigningKey clinicKey)
    {
        Ledger = ledger;
        Connection = connection;
        Clinic = clinic;
        ClinicKey = clinicKey;
    }

    public RunningLedger Ledger { get; }

    /// <summary>The connection string of the ledger's schema, for editing the database directly.</summary>
    public string Connection { get; }

    public string Clinic { get; }

    public SigningKey ClinicKey { get; }

    public string Patient { get; } = TestLedger.NewId("patient");

    public string Url => Ledger.GraphQL.ToString();

    public string Work { get; } = Directory.CreateTempSubdirectory("ddl-notary-cli-").FullName;

    /// <summary>A token that may read every chain, for exports.</summary>
    public string ReaderToken => Ledger.Token("institution:regulator", "regulator");

    public static async Task<NotaryScenario> StartAsync(int notes)
    {
        var connection = await PostgresSchemas.CreateAsync("ddl_cli");
        var ledger = await RunningLedger.StartAsync(postgres: connection, settings: ["--Ddl:SealInterval", "00:00:00.300"]);
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var scenario = new NotaryScenario(ledger, connection, TestLedger.NewId("institution"), SigningKey.Generate("k1"));
        await scenario.SubmitAsync(GenesisFiles.AuthorityId, "admin", TestLedger.Sign(genesis.Authority, GenesisFiles.AuthorityId, scenario.Clinic,
            "institution.registered", new JsonObject
            {
                ["kind"] = "medical_centre", ["name"] = "North Clinic", ["region"] = "north",
                ["keys"] = new JsonArray(scenario.ClinicKey.Public.ToJson()),
            }));
        await scenario.AddNotesAsync(notes);
        return scenario;
    }

    /// <summary>Appends notes "visit 0", "visit 1"... (continuing the numbering) to the patient's chain.</summary>
    public async Task AddNotesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await SubmitAsync(Clinic, "medical_centre", TestLedger.Sign(ClinicKey, Clinic, Patient, "patient.note",
                new JsonObject { ["text"] = $"visit {_notes++}" }));
        }
    }

    private int _notes;

    /// <summary>Waits until the notary has sealed everything committed so far.</summary>
    public async Task WaitSealedAsync()
    {
        var notary = Ledger.Services.GetRequiredService<INotaryStore>();
        for (var i = 0; i < 100 && await notary.UnsealedCountAsync() > 0; i++)
            await Task.Delay(100);
        Assert.Equal(0, await notary.UnsealedCountAsync());
    }

    public string PathOf(string name) => System.IO.Path.Combine(Work, name);

    public Task<DdlProcess.Result> ExportAsync(string file, params string[] more) =>
        DdlProcess.RunAsync(["export", "--url", Url, "--token", ReaderToken, "--chain", Patient, "--out", PathOf(file), .. more]);

    /// <summary>Runs SQL on the ledger's schema as someone holding the database would.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteNonQueryAsync();
    }

    private async Task SubmitAsync(string subject, string role, Ddl.Grains.Wire.SignedSubmission signed)
    {
        var response = await Ledger.PostAsAsync(subject, role, Submit,
            new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
        Assert.True(response["errors"] is null, response.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }
}
