using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Feeds;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Videos;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Recommendations;

/// <summary>A list of videos with no further pages.</summary>
public sealed record VideoList(IReadOnlyList<Videos.Contracts.VideoResponse> Items);

/// <summary><c>GET /api/videos/{id}/related</c> and <c>GET /api/recommendations</c> of API.md.</summary>
public static class RecommendationEndpoints
{
    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos/{id:guid}/related", Related).WithTags("Videos").RequireRateLimiting(Feeds.FeedEndpoints.ListingRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary($"Videos watched by the viewers of this one (co-watch counts normalised by popularity), then the same uploader's and trending ones; ready public videos only. Who: whoever may see the video. limit 1–{RecommendationReader.MaxLimit} (default {RecommendationReader.DefaultLimit}).");
        app.MapGet("/api/recommendations", Recommended).WithTags("Videos").RequireRateLimiting(Feeds.FeedEndpoints.ListingRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary($"Signed in: videos watched by people who watched what you watched (not yours, not ones you watched), then trending; otherwise trending (most views in the last 7 days). Ready public videos only. limit 1–{RecommendationReader.MaxLimit} (default {RecommendationReader.DefaultLimit}).");
        return app;
    }

    private static async Task<Results<Ok<VideoList>, ProblemHttpResult>> Related(
        Guid id, int? limit, HttpContext context, IGrainFactory grains, RecommendationReader reader, VideoResponses responses, CancellationToken ct)
    {
        if (FeedEndpoints.Limit(limit, RecommendationReader.MaxLimit) is not { } size) return FeedEndpoints.LimitProblem(RecommendationReader.MaxLimit);
        var viewer = context.Features.Get<AuthenticatedSession>()?.User.Id;
        if (await grains.GetGrain<IVideoGrain>(id).Get(viewer) is not { } video) return ApiProblems.NotFound();
        return TypedResults.Ok(new VideoList(await responses.From(await reader.RelatedAsync(id, video.OwnerId, size, ct))));
    }

    private static async Task<Results<Ok<VideoList>, ProblemHttpResult>> Recommended(
        int? limit, HttpContext context, RecommendationReader reader, VideoResponses responses, CancellationToken ct)
    {
        if (FeedEndpoints.Limit(limit, RecommendationReader.MaxLimit) is not { } size) return FeedEndpoints.LimitProblem(RecommendationReader.MaxLimit);
        var user = context.Features.Get<AuthenticatedSession>()?.User.Id;
        // Made for this person: no shared cache may keep it.
        if (user is not null) context.Response.Headers.CacheControl = "private, no-store";
        var items = await reader.ForAsync(user, size, ct);
        return TypedResults.Ok(new VideoList(await responses.From(items)));
    }
}
