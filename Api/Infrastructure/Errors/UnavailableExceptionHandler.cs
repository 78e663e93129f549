using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Api.Infrastructure.Errors;

/// <summary>
/// The cluster or its database not answering is not the client's fault and not a bug: say
/// 503 with a Retry-After, so clients back off and retry, instead of a bare 500.
/// </summary>
public sealed class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailability(exception)) return false;
        logger.LogWarning("{Method} {Path} failed: the cluster is unavailable ({Reason})", context.Request.Method, context.Request.Path, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "unavailable", "The service is unavailable.",
            "Part of the platform is not reachable right now; try again shortly.").ExecuteAsync(context);
        return true;
    }

    private static bool IsUnavailability(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or Orleans.Storage.InconsistentStateException
                or Orleans.Runtime.Messaging.ConnectionFailedException or System.Net.Sockets.SocketException or Npgsql.NpgsqlException
                or System.Net.Http.HttpRequestException or Minio.Exceptions.ConnectionException)
                return true;
        }
        return false;
    }
}
