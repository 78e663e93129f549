using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// One RabbitMQ stream provider in a process: streams map to <see cref="RabbitMqStreamOptions.QueueCount"/>
/// durable queues through a hash ring; Orleans' simple cache holds what was read until delivered.
/// </summary>
public sealed class RabbitMqAdapterFactory : IQueueAdapterFactory
{
    private readonly IStreamQueueMapper _mapper;
    private readonly IQueueAdapterCache _cache;
    private readonly RabbitMqAdapter _adapter;

    public RabbitMqAdapterFactory(string name, RabbitMqStreamOptions options, SimpleQueueCacheOptions cacheOptions, Serializer serializer, ILoggerFactory loggers)
    {
        var connection = new RabbitMqConnection(options, name, loggers.CreateLogger<RabbitMqConnection>());
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, connection.Prefix);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, loggers);
        _adapter = new RabbitMqAdapter(name, connection, _mapper, serializer, options, loggers);
    }

    public static RabbitMqAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<RabbitMqStreamOptions>>().Get(name);
        var cache = services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name);
        return ActivatorUtilities.CreateInstance<RabbitMqAdapterFactory>(services, name, options, cache);
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>Failures are logged and dead-lettered by the receiver (see <see cref="RabbitMqQueueAdapterReceiver"/>).</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());
}
