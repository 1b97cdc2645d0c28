using System.CommandLine;
using Ddl.Cli.Commands;

// `ddl`: keys, signing and submitting, export, and offline verification of the ledger.
var root = new RootCommand("ddl: the Drugs Distribution Ledger command line")
{
    KeygenCommand.Create(),
    TokenCommand.Create(),
    RegisterCommand.Create(),
    SignCommand.Create(),
    SubmitCommand.Create(),
    ExportCommand.Create(),
    VerifyCommand.Create(),
    ReindexCommand.Create(),
    SeedCommand.Create(),
    ProofCommand.Create(),
    CheckpointCommand.Create(),
};
return await CliErrors.InvokeAsync(root, args);
