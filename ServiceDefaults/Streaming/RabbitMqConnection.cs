using Microsoft.Extensions.Logging;
using Orleans.Streams;
using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// The provider's connection to the broker in this process, reopened when it was lost (no
/// automatic recovery: after a loss every unacknowledged message returns to its queue, and the
/// receivers start over on fresh channels), its publishing channel (publisher confirms) and the
/// queues it declares: quorum queues with a delivery limit, dead-lettering to <c>{prefix}.dead</c>.
/// </summary>
public sealed class RabbitMqConnection(RabbitMqStreamOptions options, string providerName, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = [];
    private IConnection? _connection;
    private IChannel? _publisher;

    public string Prefix { get; } = options.QueuePrefix ?? throw new ArgumentException("The queue prefix is not set.", nameof(options));

    public string DeadLetterExchange => $"{Prefix}.dlx";

    public string DeadLetterQueue => $"{Prefix}.dead";

    public string QueueName(QueueId queue) => $"{Prefix}.{queue.GetNumericId()}";

    /// <summary>The open connection, made anew when there is none (callers retry on failure).</summary>
    public async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true } open) return open;
            if (_connection is not null)
            {
                logger.LogWarning("Stream provider {Provider}: the connection to the broker was lost; reconnecting", providerName);
                await DisposeQuietly(_connection);
            }
            _publisher = null;
            lock (_declared) _declared.Clear();
            var factory = new ConnectionFactory { Uri = options.Uri!, AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
            _connection = await factory.CreateConnectionAsync($"platform-streams-{providerName}-{Environment.MachineName}", ct);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Declares the dead-letter exchange and queue and <paramref name="queue"/> (idempotent).</summary>
    public async Task DeclareAsync(IChannel channel, string queue, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, "", cancellationToken: ct);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            // One silo reads a queue at a time, also while queues move between silos: per-stream order.
            ["x-single-active-consumer"] = true,
            ["x-delivery-limit"] = options.DeliveryLimit,
            ["x-dead-letter-exchange"] = DeadLetterExchange,
        }, cancellationToken: ct);
    }

    /// <summary>Publishes one persistent message and waits for the broker's confirm.</summary>
    public async Task PublishAsync(string queue, byte[] body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.PublishTimeout);
        var connection = await ConnectAsync(timeout.Token);
        IChannel channel;
        await _gate.WaitAsync(timeout.Token);
        try
        {
            if (_publisher is not { IsOpen: true })
            {
                if (_publisher is not null) await DisposeQuietly(_publisher);
                _publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), timeout.Token);
                lock (_declared) _declared.Clear();
            }
            channel = _publisher;
        }
        finally
        {
            _gate.Release();
        }
        bool declared;
        lock (_declared) declared = _declared.Contains(queue);
        if (!declared)
        {
            await DeclareAsync(channel, queue, timeout.Token);
            lock (_declared) _declared.Add(queue);
        }
        var properties = new BasicProperties { Persistent = true, MessageId = Guid.NewGuid().ToString("N"), ContentType = "application/x-orleans" };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, body, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_publisher is not null) await DisposeQuietly(_publisher);
        if (_connection is not null) await DisposeQuietly(_connection);
    }

    internal static async Task DisposeQuietly(IAsyncDisposable disposable)
    {
        try
        {
            if (disposable is IChannel { IsOpen: true } channel) await channel.CloseAsync();
            if (disposable is IConnection { IsOpen: true } connection) await connection.CloseAsync();
        }
        catch (Exception)
        {
            // Already broken: what is left is to let go of it.
        }
        try
        {
            await disposable.DisposeAsync();
        }
        catch (Exception)
        {
            // As above.
        }
    }
}
