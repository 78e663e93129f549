namespace Platform.Api.Infrastructure.Cluster;

/// <summary>The API may start before any silo (containers, restarts): keep trying, and say so.</summary>
public sealed class WaitForClusterRetryFilter(ILogger<WaitForClusterRetryFilter> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("No silo reachable yet ({Reason}); retrying in 2 s", exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return true;
    }
}
