namespace Ddl.Grains.Notary;

/// <summary>The notary's pace, from the <c>Ddl</c> configuration section (e.g. <c>Ddl:SealInterval</c>).</summary>
public sealed class NotaryOptions
{
    public const string Section = "Ddl";

    /// <summary>Time between the end of one seal and the start of the next (the grain timer's period). Default 2 s.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The period of the reminder that re-activates the notary after the silo hosting it died.
    /// Orleans refuses reminders under <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan NotaryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most entries one checkpoint takes; a bigger backlog is sealed in several checkpoints in a row.</summary>
    public int SealBatchLimit { get; set; } = 100_000;
}
