using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Api.Infrastructure.Health;

/// <summary>
/// The readiness checks' last result, reused for <see cref="MaxAge"/>: load balancers and
/// strangers polling <c>/health/ready</c> cost at most one round of checks (a database query, a
/// broker connection, a storage request, a cluster call) every two seconds, however often they ask.
/// </summary>
public sealed class ReadinessReport(HealthCheckService checks, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _last;

    public sealed record Snapshot(HealthReport Report, DateTimeOffset CheckedAt);

    public async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } fresh) return fresh;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } meanwhile) return meanwhile;
            // Not the caller's token: a prober that gives up must not cancel the round others wait
            // for; each check has its own timeout.
            var report = await checks.CheckHealthAsync(c => c.Tags.Contains(HealthEndpoints.ReadyTag), CancellationToken.None);
            var snapshot = new Snapshot(report, time.GetUtcNow());
            Volatile.Write(ref _last, snapshot);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Snapshot? Fresh() => Volatile.Read(ref _last) is { } last && time.GetUtcNow() - last.CheckedAt < MaxAge ? last : null;
}
