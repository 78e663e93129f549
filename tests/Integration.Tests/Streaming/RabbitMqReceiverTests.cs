using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using Orleans.TestingHost;
using Platform.ServiceDefaults.Streaming;
using RabbitMQ.Client;

namespace Platform.Integration.Tests.Streaming;

/// <summary>
/// The provider's adapter and receivers, driven the way a pulling agent drives them, against the
/// real broker: what is read but not reported delivered comes back to the next reader, what is
/// delivered does not, and what failed delivery or cannot be decoded is dead-lettered.
/// </summary>
[Collection(RabbitMqStreamCollection.Name)]
public sealed class RabbitMqReceiverTests(RabbitMqStreamFixture fixture) : IAsyncLifetime
{
    private readonly string _prefix = $"test.receiver.{Guid.NewGuid():N}";
    private IServiceProvider Services => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    private RabbitMqAdapterFactory NewFactory() => new("receiver-test",
        new RabbitMqStreamOptions { Uri = new Uri(TestServices.RabbitMq), QueuePrefix = _prefix, QueueCount = 1 },
        new SimpleQueueCacheOptions(), Services.GetRequiredService<Serializer>(), Services.GetRequiredService<ILoggerFactory>());

    private static StreamId NewStream() => StreamId.Create("receiver", Guid.NewGuid().ToString("N"));

    /// <summary>An adapter on a queue of this test's own, with two messages of one stream published to it.</summary>
    private async Task<(IQueueAdapter Adapter, QueueId Queue)> TwoMessagesAsync()
    {
        var factory = NewFactory();
        var adapter = await factory.CreateAdapter();
        var queue = factory.GetStreamQueueMapper().GetAllQueues().Single();
        var stream = NewStream();
        await adapter.QueueMessageBatchAsync(stream, new[] { 1 }, null, null);
        await adapter.QueueMessageBatchAsync(stream, new[] { 2 }, null, null);
        return (adapter, queue);
    }

    /// <summary>Reads until <paramref name="count"/> messages came (deliveries arrive asynchronously).</summary>
    private static async Task<List<IBatchContainer>> ReadAsync(IQueueAdapterReceiver receiver, int count)
    {
        var read = new List<IBatchContainer>();
        await Eventually.Async(async () =>
        {
            read.AddRange(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
            return read.Count >= count;
        }, TimeSpan.FromSeconds(20), $"expected {count} messages, read {read.Count}");
        return read;
    }

    private async Task<uint> DeadLetterCountAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync("receiver-test-dead");
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync($"{_prefix}.dead")).MessageCount;
    }

    [Fact]
    public async Task What_was_read_but_not_delivered_comes_back_to_the_next_reader_and_delivered_messages_do_not()
    {
        var (adapter, queue) = await TwoMessagesAsync();

        // A silo reads both and stops before its consumers got them.
        var first = adapter.CreateReceiver(queue);
        await first.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(2, (await ReadAsync(first, 2)).Count);
        await first.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);

        // The next owner of the queue gets them again, in order, and reports them delivered.
        var second = adapter.CreateReceiver(queue);
        await second.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var again = await ReadAsync(second, 2);
        Assert.Equal([1, 2], again.SelectMany(m => m.GetEvents<int>().Select(e => e.Item1)));
        await second.MessagesDeliveredAsync(again, CancellationToken.None);
        await second.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);

        var third = adapter.CreateReceiver(queue);
        await third.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        // Two seconds of reads in which a wrong redelivery would show.
        Assert.Empty(await PollOnceMoreAsync(third));
        await third.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    [Fact]
    public async Task A_message_the_cache_dropped_after_a_failed_delivery_and_an_undecodable_one_are_dead_lettered()
    {
        var (adapter, queue) = await TwoMessagesAsync();
        var receiver = adapter.CreateReceiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var read = await ReadAsync(receiver, 2);

        // Only the second is reported delivered: the first failed for good.
        await receiver.MessagesDeliveredAsync([read[1]], CancellationToken.None);
        await Eventually.Async(async () => await DeadLetterCountAsync() == 1, TimeSpan.FromSeconds(10), "the dropped message was not dead-lettered");

        await using (var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync("receiver-test-junk"))
        await using (var channel = await connection.CreateChannelAsync())
            await channel.BasicPublishAsync("", $"{_prefix}.0", "not an Orleans message"u8.ToArray());
        Assert.Empty(await PollOnceMoreAsync(receiver));
        await Eventually.Async(async () => await DeadLetterCountAsync() == 2, TimeSpan.FromSeconds(10), "the undecodable message was not dead-lettered");
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    [Fact]
    public async Task A_consumer_the_broker_cancelled_is_started_again_with_its_queue()
    {
        var (adapter, queue) = await TwoMessagesAsync();
        var receiver = adapter.CreateReceiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        await receiver.MessagesDeliveredAsync(await ReadAsync(receiver, 2), CancellationToken.None);

        // The queue is deleted under the reader (an operator, a policy): the broker cancels its consumer.
        await using var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync("receiver-test-cancel");
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeleteAsync($"{_prefix}.0");

        // Reads go on: the reader declares the queue again and consumes from it.
        await Eventually.Async(async () =>
        {
            await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
            await using var probe = await connection.CreateChannelAsync();
            try { return (await probe.QueueDeclarePassiveAsync($"{_prefix}.0")).ConsumerCount == 1; }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return false; }
        }, TimeSpan.FromSeconds(20), "the reader never came back to its queue");
        await adapter.QueueMessageBatchAsync(NewStream(), new[] { 3 }, null, null);
        Assert.Equal([3], (await ReadAsync(receiver, 1)).SelectMany(m => m.GetEvents<int>().Select(e => e.Item1)));
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    /// <summary>Reads for up to two seconds, until something comes.</summary>
    private static async Task<IList<IBatchContainer>> PollOnceMoreAsync(IQueueAdapterReceiver receiver)
    {
        IList<IBatchContainer> read = [];
        for (var i = 0; i < 20 && read.Count == 0; i++)
        {
            read = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
            if (read.Count == 0) await Task.Delay(100);
        }
        return read;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMq) }.CreateConnectionAsync("receiver-test-cleanup");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync($"{_prefix}.0");
        await channel.QueueDeleteAsync($"{_prefix}.dead");
        await channel.ExchangeDeleteAsync($"{_prefix}.dlx");
    }
}
