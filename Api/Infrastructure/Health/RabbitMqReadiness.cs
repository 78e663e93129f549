using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;
using RabbitMQ.Client;

namespace Platform.Api.Infrastructure.Health;

/// <summary>The broker accepts an AMQP connection; one connection is kept and reused.</summary>
public sealed class RabbitMqReadiness(IOptions<ConnectionStringsOptions> connections) : IHealthCheck, IAsyncDisposable
{
    private readonly Uri _uri = connections.Value.RabbitMq!;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true }) return HealthCheckResult.Healthy();
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            var factory = new ConnectionFactory { Uri = _uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3), AutomaticRecoveryEnabled = false };
            _connection = await factory.CreateConnectionAsync("platform-api-health", ct);
            return HealthCheckResult.Healthy();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
