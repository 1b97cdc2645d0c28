namespace Ddl.Grains.Prescriptions;

/// <summary>
/// Rules by controlled-drug schedule, as configuration (section <c>Ddl:ControlledDrugs</c>), since
/// they differ by country. The defaults follow DOMAIN.md: UK schedules 2-4 are valid for 28 days;
/// US schedule II has no refills; US III-IV at most 5 refills within 6 months.
/// A prescription whose item names a schedule not listed here is refused: an unknown schedule is
/// more likely a typo than a drug without rules.
/// </summary>
public sealed class ControlledDrugRules
{
    public const string Section = "Ddl:ControlledDrugs";

    public Dictionary<string, ScheduleRule> Schedules { get; set; } = new(StringComparer.Ordinal)
    {
        ["UK-2"] = new() { MaxValidityDays = 28 },
        ["UK-3"] = new() { MaxValidityDays = 28 },
        ["UK-4"] = new() { MaxValidityDays = 28 },
        ["UK-5"] = new() { MaxValidityDays = 183 },
        ["US-II"] = new() { MaxRepeats = 0 },
        ["US-III"] = new() { MaxRepeats = 5, MaxValidityDays = 183 },
        ["US-IV"] = new() { MaxRepeats = 5, MaxValidityDays = 183 },
        ["US-V"] = new(),
    };

    /// <summary>How long a pharmacy's claim holds before another pharmacy may take the prescription.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromHours(4);
}

public sealed class ScheduleRule
{
    /// <summary>Most repeats (issues beyond the first) a prescription of this schedule may allow; null: no limit.</summary>
    public int? MaxRepeats { get; set; }

    /// <summary>Dispensing only within this many days of the prescription's start; null: no limit beyond its own validity.</summary>
    public int? MaxValidityDays { get; set; }
}
