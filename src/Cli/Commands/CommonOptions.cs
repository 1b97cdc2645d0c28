using System.CommandLine;

namespace Ddl.Cli.Commands;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080/graphql";

    public static Option<Uri> Url() => new("--url")
    {
        Description = $"The ledger's GraphQL endpoint (default {DefaultUrl}, or $DDL_URL).",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("DDL_URL") ?? DefaultUrl),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"'{text}' is not an http(s) URL.");
            return null;
        },
    };

    public static Option<string?> Token() => new("--token")
    {
        Description = "A bearer token for the API (or $DDL_TOKEN).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DDL_TOKEN"),
    };
}
