namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// One RabbitMQ-backed persistent stream provider: where the broker is and how its queues are
/// made. Silos and clients of one cluster must agree on <see cref="QueuePrefix"/> and
/// <see cref="QueueCount"/>: they are the data layout (streams are mapped to queues by a hash ring).
/// </summary>
public sealed class RabbitMqStreamOptions
{
    /// <summary>amqp:// or amqps:// URI of the broker.</summary>
    public Uri? Uri { get; set; }

    /// <summary>Queue names are <c>{prefix}.{n}</c>; dead letters go to <c>{prefix}.dead</c>. Defaults to <c>{ServiceId}.{provider}</c>.</summary>
    public string? QueuePrefix { get; set; }

    /// <summary>How many durable queues the streams are spread over.</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>Deliveries of one message (a silo crashing on it each time) before it is dead-lettered.</summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>Unacknowledged messages a receiver holds at once.</summary>
    public ushort Prefetch { get; set; } = 32;

    /// <summary>How long a publish may wait for the broker's confirm.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
