using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Tests.Support;

/// <summary>Event bodies of the drug distribution flow, as a medical centre's or pharmacy's system would send them.</summary>
public static class Prescribing
{
    public static JsonObject Item(string atc, string name, long quantity, string unit = "tablet", int repeats = 0,
        string? schedule = null, bool substitution = true, int minIntervalDays = 0, string? national = null)
    {
        var drug = new JsonObject { ["atc"] = atc, ["name"] = name };
        if (national is not null)
        {
            drug["national"] = national;
        }

        var item = new JsonObject
        {
            ["drug"] = drug, ["dose"] = "1 " + unit + " as directed", ["quantity"] = quantity, ["unit"] = unit,
            ["repeats"] = repeats, ["substitution"] = substitution, ["minIntervalDays"] = minIntervalDays,
        };
        if (schedule is not null)
        {
            item["schedule"] = schedule;
        }

        return item;
    }

    public static JsonObject Issue(string patient, TimeSpan validFor, params JsonObject[] items) => new()
    {
        ["patient"] = patient,
        ["validUntil"] = LedgerTime.Format(DateTimeOffset.UtcNow + validFor),
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
    };

    public static JsonObject Dispense(int item, int issue, long quantity, string atc, string name, string unit = "tablet") => new()
    {
        ["item"] = item, ["issue"] = issue, ["quantity"] = quantity, ["unit"] = unit,
        ["product"] = new JsonObject { ["atc"] = atc, ["name"] = name },
        ["batch"] = "B-" + Guid.NewGuid().ToString("N")[..6],
    };
}
