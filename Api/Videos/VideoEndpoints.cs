using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Accounts.Sessions;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Storage;
using Platform.Api.Videos.Contracts;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

/// <summary>
/// The video routes of API.md: create with a pre-signed upload, complete, read, change, delete, and
/// the owner's list. Another user's video, or one that does not exist, is a 404 alike.
/// </summary>
public static class VideoEndpoints
{
    public const string CreateRateLimit = "video-create";

    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/api/videos").WithTags("Videos")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        videos.MapPost("/", Create).RequireAuthorization().RequireRateLimiting(CreateRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a video awaiting its file; the answer carries a pre-signed PUT to send the file straight to object storage.");
        videos.MapPost("/{id:guid}/upload-url", UploadUrl).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A fresh pre-signed upload, while the video awaits its file (owner only).");
        videos.MapPost("/{id:guid}/complete", Complete).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("The file is uploaded: checks it and queues transcoding (once, however often it is called).");
        videos.MapGet("/{id:guid}", Get)
            .WithSummary("A video: its owner sees it in every status, anyone else once it is ready and not private.");
        videos.MapPatch("/{id:guid}", Update).RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Change title, description or visibility (owner only).");
        videos.MapDelete("/{id:guid}", Delete).RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Delete the video with its file and every rendition; a transcode in progress stops (owner only).");

        app.MapGet("/api/me/videos", Mine).WithTags("Videos").RequireAuthorization().RequireRateLimiting(Feeds.FeedEndpoints.ListingRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("The signed-in user's videos in every status, newest first; limit (1–100, default 20) and cursor page through them.");
        return app;
    }

    private static async Task<Results<Created<CreatedVideoResponse>, ProblemHttpResult>> Create(
        CreateVideoRequest body, HttpContext context, IGrainFactory grains, ObjectUrls storage, VideoResponses responses, IOptions<VideoUrlOptions> urls)
    {
        var errors = new RequestErrors();
        var title = errors.Title(body.Title, required: true);
        var description = errors.Text(body.Description, "description", VideoFields.DescriptionLength);
        var visibility = errors.Visibility(body.Visibility) ?? VideoVisibility.Public;
        var fileName = errors.FileName(body.FileName);
        var contentType = errors.ContentType(body.ContentType);
        var size = errors.SizeBytes(body.SizeBytes);
        if (errors.Any) return errors.ToProblem();
        if (!VideoFields.IsVideo(contentType!)) return VideoProblems.UnsupportedMediaType();

        var owner = context.Session().User.Id;
        var id = Guid.NewGuid();
        var outcome = await grains.GetGrain<IVideoGrain>(id).Create(owner, new VideoDraft(title!, NullIfEmpty(description), visibility, fileName!, contentType!, size!.Value));
        if (outcome.Video is not { } video) return VideoProblems.From(outcome.Failure);
        var upload = await Upload(video, storage, urls.Value);
        return TypedResults.Created($"/api/videos/{id}", new CreatedVideoResponse(await responses.From(video), upload));
    }

    private static async Task<Results<Ok<UploadInstructions>, ProblemHttpResult>> UploadUrl(
        Guid id, HttpContext context, IGrainFactory grains, ObjectUrls storage, IOptions<VideoUrlOptions> urls)
    {
        if (await Owned(grains, id, context) is not { } video) return ApiProblems.NotFound();
        if (video.Status != VideoStatus.AwaitingUpload) return VideoProblems.NotAwaitingUpload();
        return TypedResults.Ok(await Upload(video, storage, urls.Value));
    }

    private static async Task<Results<Accepted<VideoEnvelope>, ProblemHttpResult>> Complete(
        Guid id, HttpContext context, IGrainFactory grains, ObjectUrls storage, VideoResponses responses, ILogger<VideoResponses> logger, CancellationToken ct)
    {
        if (await Owned(grains, id, context) is not { } video) return ApiProblems.NotFound();
        return await Finish(video, grains, storage, responses, logger, ct);
    }

    /// <summary>
    /// The upload of <paramref name="video"/> is said to be in storage: checks its size there (the local
    /// S3 server checks none: the rule is the Api's) and queues transcoding, once.
    /// </summary>
    internal static async Task<Results<Accepted<VideoEnvelope>, ProblemHttpResult>> Finish(
        VideoView video, IGrainFactory grains, ObjectUrls storage, VideoResponses responses, ILogger logger, CancellationToken ct)
    {
        var (id, owner) = (video.Id, video.OwnerId);
        if (video.Status == VideoStatus.AwaitingUpload)
        {
            var size = await storage.SizeAsync(video.ObjectKey, ct);
            if (size is null) return VideoProblems.UploadMissing();
            var outcome = await grains.GetGrain<IVideoGrain>(id).Complete(owner, size.Value);
            if (outcome.Failure == VideoFailure.UploadTooLarge)
            {
                await storage.DeleteAsync(video.ObjectKey, CancellationToken.None);
                logger.LogInformation("Video {VideoId}: an upload of {Bytes} bytes (declared {Declared}) was refused and removed", id, size, video.SizeBytes);
                return VideoProblems.UploadTooLarge($"The uploaded file has {size} bytes, more than the {video.SizeBytes} declared or the largest upload allowed; it was removed. Upload it again.");
            }
            if (outcome.Video is not { } queued) return VideoProblems.From(outcome.Failure);
            video = queued;
        }
        return TypedResults.Accepted($"/api/videos/{id}", new VideoEnvelope(await responses.From(video)));
    }

    private static async Task<Results<Ok<VideoResponse>, ProblemHttpResult>> Get(Guid id, HttpContext context, IGrainFactory grains, VideoResponses responses)
    {
        var viewer = context.Features.Get<AuthenticatedSession>()?.User.Id;
        var video = await grains.GetGrain<IVideoGrain>(id).Get(viewer);
        if (video is null) return ApiProblems.NotFound();
        var views = video.Status == VideoStatus.Ready ? await grains.GetGrain<Grains.Interfaces.Views.IVideoViewsGrain>(id).Count() : 0;
        return TypedResults.Ok(await responses.From(video, views));
    }

    private static async Task<Results<Ok<VideoResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateVideoRequest body, HttpContext context, IGrainFactory grains, VideoResponses responses)
    {
        var errors = new RequestErrors();
        var title = errors.Title(body.Title, required: false);
        var description = body.Description is null ? null : errors.Text(body.Description, "description", VideoFields.DescriptionLength) ?? "";
        var visibility = errors.Visibility(body.Visibility);
        if (errors.Any) return errors.ToProblem();
        var outcome = await grains.GetGrain<IVideoGrain>(id).Update(context.Session().User.Id, new VideoPatch(title, description, visibility));
        if (outcome.Video is not { } video) return VideoProblems.From(outcome.Failure);
        var views = video.Status == VideoStatus.Ready ? await grains.GetGrain<Grains.Interfaces.Views.IVideoViewsGrain>(id).Count() : 0;
        return TypedResults.Ok(await responses.From(video, views));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext context, IGrainFactory grains)
    {
        var outcome = await grains.GetGrain<IVideoGrain>(id).Delete(context.Session().User.Id);
        return outcome.Video is null ? VideoProblems.From(outcome.Failure) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<VideoPage>, ProblemHttpResult>> Mine(
        HttpContext context, VideoCatalogReader catalog, VideoResponses responses, int? limit, string? cursor, CancellationToken ct)
    {
        if (Feeds.FeedEndpoints.Limit(limit) is not { } size) return Feeds.FeedEndpoints.LimitProblem();
        VideoCatalogReader.Cursor? after = null;
        if (cursor is not null && !VideoCatalogReader.Cursor.TryParse(cursor, out after)) return Feeds.FeedEndpoints.CursorProblem();
        var (items, next) = await catalog.OwnedByAsync(context.Session().User.Id, size, after, ct);
        return TypedResults.Ok(await Feeds.FeedEndpoints.PageAsync(items, next, responses));
    }

    /// <summary>The video when the caller owns it; null for anyone else (a 404, so ids cannot be probed).</summary>
    internal static async Task<VideoView?> Owned(IGrainFactory grains, Guid id, HttpContext context)
    {
        var owner = context.Session().User.Id;
        var video = await grains.GetGrain<IVideoGrain>(id).Get(owner);
        return video?.OwnerId == owner ? video : null;
    }

    private static async Task<UploadInstructions> Upload(VideoView video, ObjectUrls storage, VideoUrlOptions urls)
    {
        var signed = await storage.PutAsync(video.ObjectKey, urls.UploadLifetime);
        return new UploadInstructions("PUT", signed.Url, new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream" }, signed.ExpiresAt);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
