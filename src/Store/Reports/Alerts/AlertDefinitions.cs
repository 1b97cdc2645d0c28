namespace Ddl.Store.Reports.Alerts;

/// <summary>
/// PDMP-style alert definitions (section <c>Ddl:Alerts</c>), each with an id and a version so
/// that every alert says exactly which rule produced it. Changing a threshold means a new version,
/// not an edit: an alert raised last month must stay explainable.
/// </summary>
public sealed class AlertDefinitions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ddl:Alerts";

    /// <summary>A patient who gets drugs from many prescribers and many pharmacies in a window ("doctor shopping").</summary>
    public MultipleProvidersRule MultipleProviders { get; set; } = new();

    /// <summary>An opioid and a benzodiazepine dispensed to one patient within a window.</summary>
    public CoPrescriptionRule OpioidBenzodiazepine { get; set; } = new();

    /// <summary>The same drug dispensed again, from another prescription, before the first could have run out.</summary>
    public EarlyRefillRule EarlyRefill { get; set; } = new();

    /// <summary>Average daily morphine milligram equivalents over a window above a limit, with a versioned conversion table.</summary>
    public DailyMmeRule DailyMme { get; set; } = new();
}

/// <summary>The common part of a definition: its id, version and window.</summary>
public abstract class AlertRule
{
    /// <summary>Stable id of the definition.</summary>
    public abstract string Id { get; }

    /// <summary>Version of the definition; raise it whenever a parameter changes.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The window (days, ending at the report's as-of time) the rule looks at.</summary>
    public int WindowDays { get; set; } = 90;
}

/// <summary>At least <see cref="MinPrescribers"/> prescribers and <see cref="MinPharmacies"/> pharmacies in the window.</summary>
public sealed class MultipleProvidersRule : AlertRule
{
    /// <inheritdoc />
    public override string Id => "multiple-providers";

    /// <summary>Distinct prescribing institutions.</summary>
    public int MinPrescribers { get; set; } = 5;

    /// <summary>Distinct dispensing pharmacies.</summary>
    public int MinPharmacies { get; set; } = 5;
}

/// <summary>Both classes (ATC prefixes) dispensed to the patient in the window.</summary>
public sealed class CoPrescriptionRule : AlertRule
{
    /// <summary>Defaults: a 30-day window.</summary>
    public CoPrescriptionRule() => WindowDays = 30;

    /// <inheritdoc />
    public override string Id => "opioid-benzodiazepine";

    /// <summary>ATC prefixes of the first class (opioids: N02A).</summary>
    public List<string> FirstClass { get; set; } = ["N02A"];

    /// <summary>ATC prefixes of the second class (benzodiazepines: N05BA anxiolytics, N05CD hypnotics).</summary>
    public List<string> SecondClass { get; set; } = ["N05BA", "N05CD"];
}

/// <summary>Two dispensings of the same ATC code from different prescriptions fewer than <see cref="MinDaysBetween"/> days apart.</summary>
public sealed class EarlyRefillRule : AlertRule
{
    /// <summary>Defaults: a 90-day window.</summary>
    public EarlyRefillRule() => WindowDays = 90;

    /// <inheritdoc />
    public override string Id => "early-refill";

    /// <summary>Fewer days than this between the two dispensings raises the alert.</summary>
    public int MinDaysBetween { get; set; } = 20;
}

/// <summary>
/// Average daily MME over the window above <see cref="LimitPerDay"/>. Quantities convert only where
/// the table knows the (ATC code, unit) pair, so a dispensing in tablets of unknown strength is left
/// out, never guessed.
/// </summary>
public sealed class DailyMmeRule : AlertRule
{
    /// <summary>Defaults: a 30-day window.</summary>
    public DailyMmeRule() => WindowDays = 30;

    /// <inheritdoc />
    public override string Id => "daily-mme";

    /// <summary>The limit in morphine milligram equivalents per day.</summary>
    public decimal LimitPerDay { get; set; } = 90;

    /// <summary>Version of the conversion table; part of every alert this rule raises.</summary>
    public string TableVersion { get; set; } = "cdc-2022-subset-1";

    /// <summary>MME per unit, by "ATC|unit" (CDC 2022 conversion factors for the common opioids).</summary>
    public Dictionary<string, decimal> Factors { get; set; } = new(StringComparer.Ordinal)
    {
        ["N02AA01|mg"] = 1m,      // morphine
        ["N02AA05|mg"] = 1.5m,    // oxycodone
        ["N02AA03|mg"] = 5m,      // hydromorphone
        ["N02AA59|mg"] = 0.15m,   // codeine, combinations
        ["N02AX02|mg"] = 0.2m,    // tramadol
        ["N02AB03|ug/h"] = 2.4m,  // fentanyl transdermal, per mcg/h
        ["N07BC02|mg"] = 4.7m,    // methadone (CDC 2022 single factor)
    };
}
