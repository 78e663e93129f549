using Amazon.S3;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Accounts.Sessions;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Storage;
using Platform.Api.Videos.Contracts;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos.Multipart;

/// <summary>
/// Resumable uploads in parts, the five calls of Uppy's S3 multipart client: open (or find the open
/// one), sign parts, list the parts in storage, complete, abort. Owner only, while the video awaits
/// its upload; the bytes go straight to storage, the parts are cut by the Api's <see cref="PartPlan"/>,
/// and complete takes the parts from storage, not from the client.
/// </summary>
public static class MultipartEndpoints
{
    public const string RateLimit = "video-multipart";
    private const int MaxPartsPerSigning = 100;

    public static IEndpointRouteBuilder MapMultipartEndpoints(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/videos/{id:guid}/multipart").WithTags("Videos")
            .RequireAuthorization().RequireRateLimiting(RateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        uploads.MapPost("/", Open)
            .WithSummary("Open a resumable upload in parts for a video awaiting its file (201), or find the one open already (200) with the parts in storage (owner only).");
        uploads.MapGet("/{uploadId}", List)
            .WithSummary("The open upload: its part size and count, and the parts storage holds (to resume without sending them again).");
        uploads.MapPost("/{uploadId}/parts", Sign)
            .WithSummary("Pre-signed PUT URLs for 1–100 parts; each part goes straight to object storage.");
        uploads.MapPost("/{uploadId}/complete", Complete).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Every part is in storage: joins them into the video's file, checks it and queues transcoding (as /complete).");
        uploads.MapDelete("/{uploadId}", Abort)
            .WithSummary("Abort the upload: storage drops its parts; the video awaits its file again.");
        return app;
    }

    private static async Task<Results<Created<MultipartUploadResponse>, Ok<MultipartUploadResponse>, ProblemHttpResult>> Open(
        Guid id, HttpContext context, IGrainFactory grains, MultipartStorage storage, ObjectUrls objects, VideoResponses responses,
        IOptions<MultipartOptions> options, ILogger<MultipartStorage> logger, CancellationToken ct)
    {
        if (await VideoEndpoints.Owned(grains, id, context) is not { } video) return ApiProblems.NotFound();
        if (video.Status != VideoStatus.AwaitingUpload) return VideoProblems.NotAwaitingUpload();
        if (video.MultipartUploadId is { } open)
        {
            if (await storage.ListAsync(video.ObjectKey, open, ct) is { } stored) return TypedResults.Ok(Describe(open, PlanOf(video, options.Value), stored));
            // Gone from storage: completed there (its answer was lost), or aborted.
            if (await objects.SizeAsync(video.ObjectKey, ct) is not null)
            {
                await VideoEndpoints.Finish(video, grains, objects, responses, logger, ct);
                return VideoProblems.NotAwaitingUpload();
            }
        }

        var grain = grains.GetGrain<IVideoGrain>(id);
        var plan = PartPlan.For(video.SizeBytes, options.Value);
        var created = await storage.CreateAsync(video.ObjectKey, ct);
        VideoOutcome outcome;
        try
        {
            if (video.MultipartUploadId is { } gone) await grain.CloseMultipart(video.OwnerId, gone);
            outcome = await grain.OpenMultipart(video.OwnerId, created, plan.PartSize);
        }
        catch
        {
            // Not noted by the video: nothing would ever abort it.
            await storage.AbortAsync(video.ObjectKey, created, CancellationToken.None);
            throw;
        }
        if (outcome.Video?.MultipartUploadId != created)
        {
            // Another request opened one first (or the video moved on): that one stands.
            await storage.AbortAsync(video.ObjectKey, created, CancellationToken.None);
            if (outcome.Video is not { MultipartUploadId: { } winner } current) return VideoProblems.From(outcome.Failure == VideoFailure.None ? VideoFailure.Conflict : outcome.Failure);
            return TypedResults.Ok(Describe(winner, PlanOf(current, options.Value), await storage.ListAsync(video.ObjectKey, winner, ct) ?? []));
        }
        logger.LogInformation("Video {VideoId}: resumable upload opened, {Parts} parts of {PartSize} bytes", id, plan.PartCount, plan.PartSize);
        return TypedResults.Created($"/api/videos/{id}/multipart/{created}", Describe(created, plan, []));
    }

    private static async Task<Results<Ok<MultipartUploadResponse>, ProblemHttpResult>> List(
        Guid id, string uploadId, HttpContext context, IGrainFactory grains, MultipartStorage storage, IOptions<MultipartOptions> options, CancellationToken ct)
    {
        if (await OpenUpload(grains, id, uploadId, context) is not { } video) return UploadNotFound();
        if (await storage.ListAsync(video.ObjectKey, uploadId, ct) is not { } stored) return UploadNotFound();
        return TypedResults.Ok(Describe(uploadId, PlanOf(video, options.Value), stored));
    }

    private static async Task<Results<Ok<SignPartsResponse>, ProblemHttpResult>> Sign(
        Guid id, string uploadId, SignPartsRequest body, HttpContext context, IGrainFactory grains, MultipartStorage storage, IOptions<MultipartOptions> options)
    {
        if (await OpenUpload(grains, id, uploadId, context) is not { } video) return UploadNotFound();
        var plan = PlanOf(video, options.Value);
        var numbers = body.PartNumbers;
        if (numbers is not { Count: >= 1 and <= MaxPartsPerSigning } || numbers.Any(n => !plan.Has(n)) || numbers.Distinct().Count() != numbers.Count)
            return ApiProblems.Validation("partNumbers", $"partNumbers holds 1–{MaxPartsPerSigning} different part numbers, each from 1 to {plan.PartCount}.");
        var lifetime = options.Value.PartUrlLifetime;
        var signed = new List<SignedPart>(numbers.Count);
        foreach (var number in numbers)
        {
            var url = await storage.SignPartAsync(video.ObjectKey, uploadId, number, plan.SizeOf(number), lifetime);
            signed.Add(new SignedPart(number, "PUT", url.Url, url.ExpiresAt));
        }
        return TypedResults.Ok(new SignPartsResponse(signed));
    }

    private static async Task<Results<Accepted<VideoEnvelope>, ProblemHttpResult>> Complete(
        Guid id, string uploadId, HttpContext context, IGrainFactory grains, MultipartStorage storage, ObjectUrls objects,
        VideoResponses responses, IOptions<MultipartOptions> options, ILogger<MultipartStorage> logger, CancellationToken ct)
    {
        if (await VideoEndpoints.Owned(grains, id, context) is not { } video) return ApiProblems.NotFound();
        // Completed before, and the answer was lost: the same answer as then (whatever the id said).
        if (video.Status != VideoStatus.AwaitingUpload) return await VideoEndpoints.Finish(video, grains, objects, responses, logger, ct);
        if (video.MultipartUploadId != uploadId) return UploadNotFound();
        var plan = PlanOf(video, options.Value);
        if (await storage.ListAsync(video.ObjectKey, uploadId, ct) is not { } stored) return await FinishGone(video, grains, objects, responses, logger, ct);
        var byNumber = stored.Where(p => plan.Has(p.Number)).ToDictionary(p => p.Number);
        var missing = Enumerable.Range(1, plan.PartCount).Where(n => !byNumber.ContainsKey(n)).ToList();
        if (missing.Count > 0) return PartsMissing(missing);
        var wrong = byNumber.Values.Where(p => p.Size != plan.SizeOf(p.Number)).Select(p => p.Number).Order().ToList();
        if (wrong.Count > 0) return PartsInvalid(wrong, plan);
        try
        {
            await storage.CompleteAsync(video.ObjectKey, uploadId, byNumber.Values, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // A second complete (or an abort, or the video's removal) came first.
            return await FinishGone(video, grains, objects, responses, logger, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "InvalidPart" or "InvalidPartOrder" or "EntityTooSmall")
        {
            // A part was sent again between the listing and the complete: its ETag changed.
            logger.LogInformation("Video {VideoId}: storage refused to join the parts ({Code}); the client sends them again", id, e.ErrorCode);
            return PartsInvalid([], plan);
        }
        logger.LogInformation("Video {VideoId}: resumable upload completed from {Parts} parts", id, plan.PartCount);
        return await VideoEndpoints.Finish(video, grains, objects, responses, logger, ct);
    }

    /// <summary>The open upload is gone from storage: the file is there when it was completed (by a request whose answer was lost).</summary>
    private static async Task<Results<Accepted<VideoEnvelope>, ProblemHttpResult>> FinishGone(
        VideoView video, IGrainFactory grains, ObjectUrls objects, VideoResponses responses, ILogger logger, CancellationToken ct) =>
        await objects.SizeAsync(video.ObjectKey, ct) is null ? UploadNotFound() : await VideoEndpoints.Finish(video, grains, objects, responses, logger, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> Abort(
        Guid id, string uploadId, HttpContext context, IGrainFactory grains, MultipartStorage storage, ILogger<MultipartStorage> logger)
    {
        if (await OpenUpload(grains, id, uploadId, context) is not { } video) return UploadNotFound();
        await storage.AbortAsync(video.ObjectKey, uploadId, CancellationToken.None);
        await grains.GetGrain<IVideoGrain>(id).CloseMultipart(video.OwnerId, uploadId);
        logger.LogInformation("Video {VideoId}: resumable upload aborted by its owner", id);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's video awaiting its upload whose open upload is <paramref name="uploadId"/>; null otherwise (a 404 alike).</summary>
    private static async Task<VideoView?> OpenUpload(IGrainFactory grains, Guid id, string uploadId, HttpContext context) =>
        await VideoEndpoints.Owned(grains, id, context) is { Status: VideoStatus.AwaitingUpload } video && video.MultipartUploadId == uploadId ? video : null;

    /// <summary>The plan the upload was opened with (the settings may have changed since).</summary>
    private static PartPlan PlanOf(VideoView video, MultipartOptions options) =>
        video.MultipartPartSize > 0 ? PartPlan.Of(video.SizeBytes, video.MultipartPartSize) : PartPlan.For(video.SizeBytes, options);

    private static MultipartUploadResponse Describe(string uploadId, PartPlan plan, IEnumerable<StoredPart> stored) =>
        new(uploadId, plan.PartSize, plan.PartCount, [.. stored.Where(p => plan.Has(p.Number)).OrderBy(p => p.Number).Select(p => new UploadedPart(p.Number, p.Size))]);

    private static ProblemHttpResult UploadNotFound() =>
        ApiProblems.Create(StatusCodes.Status404NotFound, "not_found", "No such upload",
            "The video has no open upload with this id (it was completed or aborted, or the video is not yours). Open a new one.");

    private static ProblemHttpResult PartsInvalid(IReadOnlyList<int> wrong, PartPlan plan) =>
        ApiProblems.Create(StatusCodes.Status409Conflict, "parts_invalid", "Parts have the wrong size",
            (wrong.Count > 0 ? $"Parts {Numbers(wrong)} do" : "Some parts do") +
            $" not match the upload plan (part size {plan.PartSize} bytes, the last one the rest) or changed while they were joined; list the parts and send those again.");

    private static ProblemHttpResult PartsMissing(IReadOnlyList<int> missing) =>
        ApiProblems.Create(StatusCodes.Status409Conflict, "parts_missing", "Parts are missing",
            $"Parts {Numbers(missing)} are not in storage yet; upload them, then complete again.");

    private static string Numbers(IReadOnlyList<int> numbers) =>
        numbers.Count <= 20 ? string.Join(", ", numbers) : $"{string.Join(", ", numbers.Take(20))} and {numbers.Count - 20} more";
}
