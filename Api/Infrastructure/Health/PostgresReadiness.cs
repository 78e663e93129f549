using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Infrastructure.Health;

/// <summary>PostgreSQL answers a query.</summary>
public sealed class PostgresReadiness(IOptions<ConnectionStringsOptions> connections) : IHealthCheck
{
    private readonly string _connectionString = connections.Value.Postgres!;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
        return HealthCheckResult.Healthy();
    }
}
