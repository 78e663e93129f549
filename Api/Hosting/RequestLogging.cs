using System.Diagnostics;

namespace Platform.Api.Hosting;

/// <summary>
/// One line per request: method, path, status and time. The query string is left out on
/// purpose: OAuth codes, state and verification tokens travel there.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/health"))
                logger.LogInformation("{Method} {Path} answered {Status} in {Elapsed:0.0} ms",
                    context.Request.Method, path.Value, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
