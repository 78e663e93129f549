using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// Registers a RabbitMQ-backed persistent stream provider on silos and clients, like a shipped
/// provider: <c>silo.AddRabbitMqStreams("jobs", o => o.Uri = …)</c>.
/// </summary>
public static class RabbitMqStreaming
{
    public static ISiloBuilder AddRabbitMqStreams(this ISiloBuilder silo, string name, Action<RabbitMqStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        AddOptions(silo.Services, name, configure);
        return silo.AddPersistentStreams(name, RabbitMqAdapterFactory.Create, stream => configureStream?.Invoke(stream));
    }

    public static IClientBuilder AddRabbitMqStreams(this IClientBuilder client, string name, Action<RabbitMqStreamOptions> configure,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        AddOptions(client.Services, name, configure);
        return client.AddPersistentStreams(name, RabbitMqAdapterFactory.Create, stream => configureStream?.Invoke(stream));
    }

    private static void AddOptions(IServiceCollection services, string name, Action<RabbitMqStreamOptions> configure)
    {
        services.AddOptions<RabbitMqStreamOptions>(name)
            .Configure(configure)
            .PostConfigure<IOptions<ClusterOptions>>((options, cluster) => options.QueuePrefix ??= $"{cluster.Value.ServiceId}.{name}")
            .Validate(o => o.Uri is { Scheme: "amqp" or "amqps" }, $"Stream provider '{name}': set an amqp:// or amqps:// Uri.")
            .Validate(o => o.QueueCount is > 0 and <= 1024, $"Stream provider '{name}': QueueCount is 1 to 1024.")
            .Validate(o => o.DeliveryLimit > 0, $"Stream provider '{name}': DeliveryLimit must be positive.")
            .Validate(o => o.Prefetch > 0, $"Stream provider '{name}': Prefetch must be positive.")
            .Validate(o => o.PublishTimeout > TimeSpan.Zero, $"Stream provider '{name}': PublishTimeout must be positive.");
        services.AddOptions<SimpleQueueCacheOptions>(name);
    }
}
