using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Infrastructure.RateLimiting;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Interfaces.Views;

namespace Platform.Api.Views;

/// <summary>Body of <c>POST /api/videos/{id}/views</c>: without a session, the anonymous client's own random id.</summary>
public sealed record ViewRequest(string? ClientId);

/// <summary>
/// <c>POST /api/videos/{id}/views</c>: counts a view of a video the caller may see, once per viewer
/// (the signed-in user, else the anonymous client's id) per video per 30 minutes.
/// </summary>
public static partial class ViewEndpoints
{
    public const string ViewRateLimit = "views";

    public static IEndpointRouteBuilder MapViews(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/videos/{id:guid}/views", Count).WithTags("Videos").RequireRateLimiting(ViewRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Count a view (once per viewer per video per 30 minutes). Signed in: the user; otherwise {clientId}: a random id the client keeps (16–64 of A–Z a–z 0–9 - _).");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Count(Guid id, ViewRequest? body, HttpContext context, IGrainFactory grains, ViewerKeys keys)
    {
        var user = context.Features.Get<AuthenticatedSession>()?.User.Id;
        string key;
        if (user is { } signedIn) key = keys.OfUser(signedIn);
        else if (body?.ClientId is { } client && ClientId().IsMatch(client)) key = keys.OfClient(client);
        else return ApiProblems.Validation("clientId", "Without a session, clientId is required: 16–64 characters of A–Z, a–z, 0–9, '-' and '_'.");
        // Only a video there is something to watch of, that the caller may see.
        if (await grains.GetGrain<IVideoGrain>(id).Get(user) is not { Status: VideoStatus.Ready }) return ApiProblems.NotFound();
        await grains.GetGrain<IVideoViewsGrain>(id).Record(key, user is null ? ClientNetwork.Of(context) : null);
        return TypedResults.NoContent();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex ClientId();
}
