using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// Reads one queue for this silo's pulling agent. Messages are acknowledged only once Orleans
/// reports them delivered (so a silo that dies before its consumers got a message leaves it to
/// the next owner of the queue); a message the cache dropped after a delivery failure, or one that
/// cannot be decoded, is dead-lettered. A lost channel, or a consumer the broker cancelled (its
/// queue deleted, say), is replaced on the next read, the queue declared again; what it held
/// unacknowledged comes back from the broker by itself.
/// </summary>
internal sealed class RabbitMqQueueAdapterReceiver(
    RabbitMqConnection connection, string queue, Serializer serializer, RabbitMqStreamOptions options, ILogger logger) : IQueueAdapterReceiver
{
    private const int DefaultBatch = 32;
    private readonly ConcurrentQueue<(ulong Tag, byte[] Body, int Generation)> _inbox = new();
    private readonly List<RabbitMqBatchContainer> _pending = [];
    // Starting, settling and stopping never overlap: a start racing a stop must not leave a
    // consumer behind (with a single active consumer it would hold the queue).
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _stopped;
    private IChannel? _channel;
    private int _generation;
    private volatile int _cancelledGeneration = -1;
    private long _sequence;

    /// <summary>The channel is open and the broker has not cancelled its consumer.</summary>
    private bool Reading => _channel is { IsOpen: true } && _cancelledGeneration != _generation;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        // The pulling agent does not retry a failed start: reads retry it.
        await TryStartAsync(cts.Token);
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (!await TryStartAsync(CancellationToken.None)) return [];
        var max = maxCount > 0 ? maxCount : DefaultBatch;
        var batch = new List<IBatchContainer>();
        while (batch.Count < max && _inbox.TryDequeue(out var item))
        {
            if (item.Generation != _generation) continue; // from a closed channel: the broker sends it again
            RabbitMqBatchContainer container;
            try
            {
                container = serializer.Deserialize<RabbitMqBatchContainer>(item.Body) ?? throw new InvalidDataException("An empty message.");
            }
            catch (Exception e)
            {
                logger.LogError(e, "Queue {Queue}: a message that cannot be decoded was dead-lettered", queue);
                await Settle(item.Tag, item.Generation, deadLetter: true);
                continue;
            }
            container.Token = new EventSequenceTokenV2(++_sequence);
            container.DeliveryTag = item.Tag;
            container.ChannelGeneration = item.Generation;
            _pending.Add(container);
            batch.Add(container);
        }
        return batch;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        long newest = 0;
        foreach (var message in messages.OfType<RabbitMqBatchContainer>())
        {
            await Settle(message.DeliveryTag, message.ChannelGeneration, deadLetter: false);
            _pending.Remove(message);
            newest = Math.Max(newest, message.Token.SequenceNumber);
        }
        // The cache hands over what it purges, oldest first; an older message it did not hand over
        // was dropped after its delivery failed for good.
        foreach (var dropped in _pending.Where(p => p.Token.SequenceNumber < newest).ToList())
        {
            logger.LogWarning("Queue {Queue}: a message of stream {StreamId} could not be delivered and was dead-lettered", queue, dropped.StreamId);
            await Settle(dropped.DeliveryTag, dropped.ChannelGeneration, deadLetter: true);
            _pending.Remove(dropped);
        }
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        await _lock.WaitAsync();
        try
        {
            _stopped = true;
            // Closing the channel hands what it held unacknowledged to the queue's next reader.
            await DropChannelAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<bool> TryStartAsync(CancellationToken ct)
    {
        if (Reading) return true;
        await _lock.WaitAsync(ct);
        IChannel? channel = null;
        try
        {
            if (_stopped) return false;
            if (Reading) return true;
            await DropChannelAsync();
            var open = await connection.ConnectAsync(ct);
            channel = await open.CreateChannelAsync(cancellationToken: ct);
            await connection.DeclareAsync(channel, queue, ct);
            await channel.BasicQosAsync(0, options.Prefetch, global: false, ct);
            var generation = ++_generation;
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                // The body is valid only during this call.
                _inbox.Enqueue((delivery.DeliveryTag, delivery.Body.ToArray(), generation));
                return Task.CompletedTask;
            };
            consumer.UnregisteredAsync += (_, _) =>
            {
                // Cancelled by the broker (we close channels, never cancel): the next read starts over.
                if (!_stopped && generation == _generation)
                {
                    _cancelledGeneration = generation;
                    logger.LogWarning("Queue {Queue}: the broker cancelled this silo's consumer; reading again on the next read", queue);
                }
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, ct);
            _channel = channel;
            channel = null;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Queue {Queue}: cannot read from the broker yet; trying again on the next read", queue);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            // A channel that did not become the reader goes, with any consumer it got.
            if (channel is not null) await RabbitMqConnection.DisposeQuietly(channel);
            _lock.Release();
        }
    }

    private async Task Settle(ulong tag, int generation, bool deadLetter)
    {
        await _lock.WaitAsync();
        try
        {
            if (generation != _generation || _channel is not { IsOpen: true } channel) return; // that channel is gone: the broker sends it again
            if (deadLetter) await channel.BasicNackAsync(tag, multiple: false, requeue: false);
            else await channel.BasicAckAsync(tag, multiple: false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Queue {Queue}: could not settle a message; it will be delivered again", queue);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task DropChannelAsync()
    {
        _pending.Clear();
        while (_inbox.TryDequeue(out _)) { }
        if (_channel is { } channel)
        {
            _channel = null;
            await RabbitMqConnection.DisposeQuietly(channel);
        }
    }
}
