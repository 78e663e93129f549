using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Videos;
using Platform.Api.Videos.Contracts;

namespace Platform.Api.Feeds;

/// <summary>
/// The public listings of API.md: every ready public video newest first (or, with <c>q</c>, the
/// ones matching it, best first), and one person's. Served from the read model; never a private,
/// unlisted, unready or deleted video.
/// </summary>
public static class FeedEndpoints
{
    public const int MaxQueryLength = 200;
    public const string ListingRateLimit = "listing";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos", Feed).WithTags("Videos").RequireRateLimiting(ListingRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Ready public videos, newest first; q= searches titles and descriptions (full-text, best first). limit 1–100 (default 20), cursor from the previous page.");
        app.MapGet("/api/users/{id:guid}/videos", OfUser).WithTags("Videos").RequireRateLimiting(ListingRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("A person's ready public videos, newest first; limit and cursor as for /api/videos.");
        return app;
    }

    private static async Task<Results<Ok<VideoPage>, ProblemHttpResult>> Feed(
        string? q, int? limit, string? cursor, VideoCatalogReader catalog, VideoResponses responses, CancellationToken ct)
    {
        if (Limit(limit) is not { } size) return LimitProblem();
        var errors = new RequestErrors();
        var query = errors.Text(q, "q", MaxQueryLength);
        if (errors.Any) return errors.ToProblem();
        if (!string.IsNullOrEmpty(query))
        {
            VideoCatalogReader.SearchCursor? afterMatch = null;
            if (cursor is not null && !VideoCatalogReader.SearchCursor.TryParse(cursor, out afterMatch)) return CursorProblem();
            var (matches, nextMatch) = await catalog.SearchAsync(query, size, afterMatch, ct);
            return TypedResults.Ok(await PageAsync(matches, nextMatch, responses));
        }
        VideoCatalogReader.Cursor? after = null;
        if (cursor is not null && !VideoCatalogReader.Cursor.TryParse(cursor, out after)) return CursorProblem();
        var (items, next) = await catalog.PublicAsync(null, size, after, ct);
        return TypedResults.Ok(await PageAsync(items, next, responses));
    }

    private static async Task<Results<Ok<VideoPage>, ProblemHttpResult>> OfUser(
        Guid id, int? limit, string? cursor, VideoCatalogReader catalog, VideoResponses responses, CancellationToken ct)
    {
        if (Limit(limit) is not { } size) return LimitProblem();
        VideoCatalogReader.Cursor? after = null;
        if (cursor is not null && !VideoCatalogReader.Cursor.TryParse(cursor, out after)) return CursorProblem();
        var (items, next) = await catalog.PublicAsync(id, size, after, ct);
        return TypedResults.Ok(await PageAsync(items, next, responses));
    }

    /// <summary>The list size asked for, or the default; null when outside 1 to <paramref name="max"/>.</summary>
    public static int? Limit(int? limit, int max = VideoCatalogReader.MaxLimit) => limit switch
    {
        null => VideoCatalogReader.DefaultLimit,
        < 1 => null,
        _ when limit > max => null,
        _ => limit,
    };

    public static ProblemHttpResult LimitProblem(int max = VideoCatalogReader.MaxLimit) => ApiProblems.Validation("limit", $"limit is 1 to {max}.");

    public static ProblemHttpResult CursorProblem() => ApiProblems.Validation("cursor", "The cursor is not one this API gave out for this listing.");

    public static async Task<VideoPage> PageAsync(IReadOnlyList<(Grains.Interfaces.Videos.VideoView Video, long Views)> items, string? next, VideoResponses responses) =>
        new(await responses.From(items), next);
}
