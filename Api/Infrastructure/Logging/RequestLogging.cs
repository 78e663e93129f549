using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// A line for each failed or slow request — or for every request with <c>RequestLogging:LogAll</c> —
/// with method, path, status and time. Counts and durations of all requests are in the metrics, so
/// a fast success costs no log line, and neither do the refusals anyone can cause in bulk (401
/// without a valid session, 404, 429: counted by status in the metrics). The query string is left
/// out on purpose: OAuth codes, state and verification tokens travel there.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, IOptions<RequestLoggingOptions> options, ILogger<RequestLogging> logger)
{
    private readonly RequestLoggingOptions _options = options.Value;

    private static bool IsRoutineRefusal(int status) =>
        status is StatusCodes.Status401Unauthorized or StatusCodes.Status404NotFound or StatusCodes.Status429TooManyRequests;

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
                    : _options.LogAll || (status >= 400 && !IsRoutineRefusal(status)) ? LogLevel.Information
                    : LogLevel.None;
                if (level != LogLevel.None && logger.IsEnabled(level))
                    logger.Log(level, "{Method} {Path} answered {Status} in {Elapsed:0.0} ms", context.Request.Method, path.Value, status, elapsed.TotalMilliseconds);
            }
        }
    }
}
