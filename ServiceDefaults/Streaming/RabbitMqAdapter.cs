using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>Publishes a stream's events to the queue its stream maps to, and makes the receivers.</summary>
internal sealed class RabbitMqAdapter(
    string name, RabbitMqConnection connection, IStreamQueueMapper mapper, Serializer serializer, RabbitMqStreamOptions options, ILoggerFactory loggers) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        var container = new RabbitMqBatchContainer { StreamId = streamId, Events = events.Cast<object>().ToList(), RequestContext = requestContext };
        return connection.PublishAsync(connection.QueueName(mapper.GetQueueForStream(streamId)), serializer.SerializeToArray(container), CancellationToken.None);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new RabbitMqQueueAdapterReceiver(connection, connection.QueueName(queueId), serializer, options, loggers.CreateLogger<RabbitMqQueueAdapterReceiver>());
}
