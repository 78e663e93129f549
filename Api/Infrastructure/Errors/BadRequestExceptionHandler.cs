using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Api.Infrastructure.Errors;

/// <summary>
/// Turns unreadable requests (malformed JSON, wrong types, bodies over the limit) into 400
/// <c>validation_failed</c> problems naming the offending field, instead of a bare status.
/// </summary>
public sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var json = FindJsonException(bad);
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
        var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large."
            : json is not null ? $"The body is not valid JSON for this request ({Describe(json)})."
            : "The request could not be read.";
        logger.LogInformation("Refused an unreadable request to {Path}: {Reason}", context.Request.Path, message);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await ApiProblems.Validation(field, message).ExecuteAsync(context);
        return true;
    }

    private static JsonException? FindJsonException(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is JsonException json) return json;
        return null;
    }

    // JsonException messages can echo input; describe the kind of fault only.
    private static string Describe(JsonException e) =>
        e.Path is { Length: > 1 } ? "a value has the wrong type or form" : "malformed JSON";
}
