using Ddl.Store;
using Ddl.Store.Reports;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Contract;

public abstract partial class EntryStoreContract
{
    [Fact]
    public async Task only_entries_of_types_the_read_model_keeps_are_owed_a_projection()
    {
        // A fresh database: the count of owed entries is then this test's alone.
        await using var database = await CreateFreshDatabaseAsync();
        await using var store = database.OpenStore();
        await store.MigrateAsync();
        var model = ReadModel.For(store);
        var patient = NewChain("patient");
        var note0 = Entry(patient, 0) with { Type = "patient.note" };
        var note1 = Entry(patient, 1, prev: note0.Hash) with { Type = "patient.note" };
        var prescription = NewChain();
        var issued = Entry(prescription, 0);
        var claimed = Entry(prescription, 1, prev: issued.Hash) with { Type = "prescription.claimed" };

        Appended(await store.AppendAsync(note0));
        Appended(await store.AppendAsync(issued));
        var batch = await store.AppendBatchAsync([note1, claimed, Entry(NewChain("patient"), 0) with { Type = "patient.linked" }]);

        Assert.All(batch, outcome => Appended(outcome));
        Assert.Equal(2, await model.PendingAsync());
    }
}
