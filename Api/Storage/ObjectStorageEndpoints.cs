using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Accounts.Contracts;
using Platform.Api.Accounts.Sessions;
using Platform.Api.Infrastructure.Errors;

namespace Platform.Api.Storage;

/// <summary>
/// The seed-compatible <c>/s3</c> routes: pre-signed URLs of 60 s for keys under the caller's own
/// <c>uploads/{userId}/</c> folder.
/// </summary>
public static class ObjectStorageEndpoints
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private const int MaxKeyLength = 1024;

    public static IEndpointRouteBuilder MapObjectStorageEndpoints(this IEndpointRouteBuilder app)
    {
        var s3 = app.MapGroup("/s3").WithTags("Object storage").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        s3.MapGet("/upload-url", async (string? key, HttpContext context, ObjectUrls storage) =>
                await Sign(key, context, k => storage.PutAsync(k, Lifetime)))
            .WithSummary("A pre-signed PUT (60 s) for a key under uploads/{your user id}/.");
        s3.MapGet("/download-url", async (string? key, HttpContext context, ObjectUrls storage) =>
                await Sign(key, context, k => storage.GetAsync(k, Lifetime)))
            .WithSummary("A pre-signed GET (60 s) for a key under uploads/{your user id}/.");
        return app;
    }

    private static async Task<Results<Ok<UrlResponse>, ProblemHttpResult>> Sign(string? key, HttpContext context, Func<string, Task<SignedUrl>> sign)
    {
        if (string.IsNullOrEmpty(key)) return ApiProblems.Validation("key", "key is required.");
        if (key.Length > MaxKeyLength || key.Any(char.IsControl) || key.Contains('\\'))
            return ApiProblems.Validation("key", $"key is at most {MaxKeyLength} characters, without control characters or backslashes.");
        var folder = $"uploads/{context.Session().User.Id}/";
        var segments = key.Split('/');
        if (!key.StartsWith(folder, StringComparison.Ordinal) || key.Length == folder.Length || segments.Any(s => s is "" or "." or ".."))
            return ApiProblems.Forbidden($"Keys must lie under {folder} (no empty, '.' or '..' segments).");
        return TypedResults.Ok(new UrlResponse((await sign(key)).Url));
    }
}
