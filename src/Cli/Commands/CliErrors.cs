using System.CommandLine;
using System.Text.Json;
using Ddl.Cli.Client;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

/// <summary>
/// Turns failures into one line a person can act on, and an exit code a script can: 1 when the
/// ledger refused (with its error code), 2 when the command could not do its work (a missing
/// file, an unreachable server, malformed input).
/// </summary>
public static class CliErrors
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (LedgerClientException e)
        {
            Console.Error.WriteLine($"refused: {e.Code}: {e.Message}");
            return 1;
        }
        catch (LedgerException e)
        {
            Console.Error.WriteLine($"error: {e.Code}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or JsonException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
