namespace Platform.Api.Infrastructure.Logging;

/// <summary>Which requests get a log line (<c>RequestLogging:*</c>); request counts and durations are in the metrics.</summary>
public sealed class RequestLoggingOptions
{
    public const string Section = "RequestLogging";

    /// <summary>Log every request, not only failures (other than 401, 404, 429) and slow ones; costs throughput under load.</summary>
    public bool LogAll { get; set; }

    /// <summary>Requests slower than this are always logged.</summary>
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
