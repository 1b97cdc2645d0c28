using Ddl.Grains.Feeds;

namespace Ddl.Grains.Tests;

public sealed class ShardOrderTests
{
    private static readonly Guid Epoch = Guid.NewGuid();

    private static FeedBatch Batch(long number, Guid? epoch = null) => new(3, epoch ?? Epoch, number, []);

    private static long[] Numbers(IEnumerable<FeedBatch> batches) => batches.Select(b => b.Number).ToArray();

    [Fact]
    public void a_batch_that_overtakes_the_one_before_it_waits_for_it()
    {
        var order = new ShardOrder();
        Assert.Equal([7L], Numbers(order.Accept(Batch(7)).Due));

        var early = order.Accept(Batch(9));
        Assert.Empty(early.Due);
        Assert.True(early.Waiting);
        Assert.False(order.Accept(Batch(10)).Waiting);

        var caughtUp = order.Accept(Batch(8));
        Assert.Equal([8L, 9, 10], Numbers(caughtUp.Due));
        Assert.False(caughtUp.Lost);
        Assert.Empty(order.Expire(3));
        Assert.Equal([11L], Numbers(order.Accept(Batch(11)).Due));
    }

    [Fact]
    public void batches_still_waiting_when_the_wait_is_over_go_on_and_the_missing_one_is_let_through_if_it_comes_late()
    {
        var order = new ShardOrder();
        order.Accept(Batch(1));
        order.Accept(Batch(3));
        order.Accept(Batch(4));

        Assert.Equal([3L, 4], Numbers(order.Expire(3)));
        Assert.Equal([2L], Numbers(order.Accept(Batch(2)).Due));
        Assert.Equal([5L], Numbers(order.Accept(Batch(5)).Due));
    }

    [Fact]
    public void a_batch_from_a_new_activation_of_the_shard_says_events_may_have_been_lost()
    {
        var order = new ShardOrder();
        order.Accept(Batch(1));
        order.Accept(Batch(3));

        var restarted = order.Accept(Batch(1, Guid.NewGuid()));
        Assert.True(restarted.Lost);
        Assert.Equal([3L, 1], Numbers(restarted.Due));
    }
}
