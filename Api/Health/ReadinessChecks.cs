using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Npgsql;
using Orleans.Runtime;
using Platform.Api.Hosting;
using Platform.Grains.Interfaces.Hosting;
using RabbitMQ.Client;

namespace Platform.Api.Health;

/// <summary>PostgreSQL answers a query.</summary>
public sealed class PostgresReadiness(IConfiguration configuration) : IHealthCheck
{
    private readonly string _connectionString = ClusterSettings.From(configuration).PostgresConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>The broker accepts an AMQP connection; one connection is kept and reused.</summary>
public sealed class RabbitMqReadiness(Uri uri) : IHealthCheck, IAsyncDisposable
{
    private readonly Uri _uri = uri;
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

/// <summary>Object storage answers for the configured bucket.</summary>
public sealed class ObjectStorageReadiness(IMinioClient minio, IOptions<S3Options> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var exists = await minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Value.Bucket), ct);
        return exists ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded($"Bucket '{options.Value.Bucket}' does not exist yet.");
    }
}

/// <summary>At least one silo is active in the cluster.</summary>
public sealed class ClusterReadiness(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), ct);
        return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)") : HealthCheckResult.Unhealthy("No active silo.");
    }
}
