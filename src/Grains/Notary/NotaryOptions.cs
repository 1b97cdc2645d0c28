namespace Ddl.Grains.Notary;

/// <summary>The notary's pace, from the <c>Ddl</c> configuration section (e.g. <c>Ddl:SealInterval</c>).</summary>
public sealed class NotaryOptions
{
    public const string Section = "Ddl";

    /// <summary>
    /// Time between the end of one seal and the start of the next (the grain timer's period).
    /// Default 0.5 s: smaller seals more often keep checkpoints fresh and spread the notary's
    /// database work, where a seal every 2 s was a burst that writers queued behind (single-entry
    /// submissions at 24 in flight: p99 21.6 against 24.7 ms, medians of 6 alternating runs,
    /// bench/Write). Nothing is written when nothing waits.
    /// </summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The period of the reminder that re-activates the notary after the silo hosting it died.
    /// Orleans refuses reminders under <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan NotaryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most entries one checkpoint takes; a bigger backlog is sealed in several checkpoints in a row.</summary>
    public int SealBatchLimit { get; set; } = 100_000;
}
