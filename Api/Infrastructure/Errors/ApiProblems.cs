using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Api.Infrastructure.Errors;

/// <summary>
/// The one mapper from failures to RFC 9457 problem documents. Every problem carries a stable
/// <c>code</c> member that clients switch on.
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail ?? title };
        problem.Extensions["code"] = code;
        if (errors is not null) problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status400BadRequest, "validation_failed", "The request is not valid.",
            string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Sign in first.", "A valid session is required.");

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden.", detail);

    public static ProblemHttpResult NotFound() =>
        Create(StatusCodes.Status404NotFound, "not_found", "Not found.", "No such resource.");

    public static ProblemHttpResult RateLimited(HttpContext context, TimeSpan? retryAfter)
    {
        var seconds = RetryAfter(context, retryAfter ?? TimeSpan.FromMinutes(1));
        return Create(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests.", $"Try again in {seconds} seconds.");
    }

    /// <summary>503 <c>unavailable</c>: the service is busy (e.g. its password-hashing pool is full); try again after Retry-After.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, TimeSpan? retryAfter)
    {
        var seconds = RetryAfter(context, retryAfter ?? TimeSpan.FromSeconds(2));
        return Create(StatusCodes.Status503ServiceUnavailable, "unavailable", "The service is busy.", $"Try again in {seconds} seconds.");
    }

    /// <summary>Sets the Retry-After header (whole seconds, at least 1) and returns the seconds.</summary>
    public static int RetryAfter(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return seconds;
    }

    /// <summary>The code for a status the framework produced on its own (routing, binding, limits).</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "validation_failed",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "validation_failed",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        503 => "unavailable",
        _ => status >= 500 ? "internal_error" : "bad_request",
    };
}
