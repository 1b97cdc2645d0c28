using Orleans.Runtime;

namespace Ddl.Cluster.Tests.Grains;

public sealed class TickGrain(ILocalSiloDetails silo) : Grain, ITickGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task StartTickingAsync(TimeSpan period) =>
        this.RegisterOrUpdateReminder(ReminderName, dueTime: period, period: period);

    public async Task StopTickingAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
            await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TickLog.Record(this.GetPrimaryKeyString(), silo.SiloAddress.ToString());
        return Task.CompletedTask;
    }
}
