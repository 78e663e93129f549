using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// A line for each failed or slow request — or for every request with <c>RequestLogging:LogAll</c> —
/// with method, path, status and time. Counts and durations of all requests are in the metrics, so
/// a fast success costs no log line, and neither do the refusals anyone can cause in bulk (401
/// for a missing or dead session, 404, 429 of a per-IP limit: counted by status in the metrics). The query string is left
/// out on purpose: OAuth codes, state and verification tokens travel there.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, IOptions<RequestLoggingOptions> options, ILogger<RequestLogging> logger)
{
    private readonly RequestLoggingOptions _options = options.Value;

    private static readonly object RoutineRefusal = new();

    /// <summary>
    /// Marks this request's refusal as one anyone can cause in bulk (a missing or dead session, a
    /// per-IP limit): counted in the metrics, not logged one by one. Other 401s and 429s (a wrong
    /// password, an account's lockout) are logged.
    /// </summary>
    public static void MarkRoutineRefusal(HttpContext context) => context.Items[RoutineRefusal] = true;

    private static bool IsRoutineRefusal(HttpContext context, int status) =>
        status == StatusCodes.Status404NotFound
        || (status is StatusCodes.Status401Unauthorized or StatusCodes.Status429TooManyRequests && context.Items.ContainsKey(RoutineRefusal));

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var status = context.Response.StatusCode;
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/health") && !path.StartsWithSegments("/metrics"))
            {
                var level = status >= 500 || elapsed >= _options.SlowRequestThreshold ? LogLevel.Warning
                    : _options.LogAll || (status >= 400 && !IsRoutineRefusal(context, status)) ? LogLevel.Information
                    : LogLevel.None;
                if (level != LogLevel.None && logger.IsEnabled(level))
                    logger.Log(level, "{Method} {Path} answered {Status} in {Elapsed:0.0} ms", context.Request.Method, path.Value, status, elapsed.TotalMilliseconds);
            }
        }
    }
}
