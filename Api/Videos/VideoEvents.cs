using System.Text.Json;
using System.Threading.Channels;
using Platform.Api.Videos.Contracts;
using Platform.Grains.Interfaces.Accounts;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

/// <summary>
/// <c>GET /api/videos/{id}/events</c>: Server-Sent Events with the video's state whenever it
/// changes, until it is ready or failed. The video grain tells this API node (a grain observer),
/// whichever silo runs the job; nothing polls. Each event's id is the video's version, so a client
/// reconnecting with <c>Last-Event-ID</c> gets the current state only when it changed since.
/// </summary>
public static class VideoEvents
{
    /// <summary>How often the subscription is renewed (the grain forgets it after a minute) and a comment keeps proxies from closing the stream.</summary>
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);

    /// <summary>A stream ends after this (the client reconnects with Last-Event-ID): none stays open for ever on a video that never finishes.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    /// <summary>Open streams one client IP may hold on this node.</summary>
    private const int MaxStreamsPerIp = 20;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Open = new();

    public static IEndpointRouteBuilder MapVideoEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos/{id:guid}/events", Stream).WithTags("Videos")
            .RequireRateLimiting(Feeds.FeedEndpoints.ListingRateLimit)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Server-Sent Events of the video's state (event \"video\", data the video resource) until it is ready or failed; first the current state. Who may: as GET /api/videos/{id}.");
        return app;
    }

    private static async Task<IResult> Stream(Guid id, HttpContext context, IGrainFactory grains, VideoResponses responses, ILogger<Watcher> logger)
    {
        var viewer = context.Features.Get<AuthenticatedSession>()?.User.Id;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (Open.AddOrUpdate(client, 1, (_, n) => n + 1) > MaxStreamsPerIp)
        {
            Release(client);
            return Infrastructure.Errors.ApiProblems.RateLimited(context, Renew);
        }
        try
        {
            return await StreamAsync(id, viewer, context, grains, responses, logger);
        }
        finally
        {
            Release(client);
        }
    }

    private static void Release(string client)
    {
        if (Open.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0) Open.TryRemove(new KeyValuePair<string, int>(client, 0));
    }

    private static async Task<IResult> StreamAsync(Guid id, Guid? viewer, HttpContext context, IGrainFactory grains, VideoResponses responses, ILogger<Watcher> logger)
    {
        var video = grains.GetGrain<IVideoGrain>(id);
        var watcher = new Watcher();
        var reference = grains.CreateObjectReference<IVideoWatcher>(watcher);
        try
        {
            var current = await video.Watch(viewer, reference);
            if (current is null) return Infrastructure.Errors.ApiProblems.NotFound();
            long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var lastSent);
            // Finished and already seen: 204 tells an EventSource to stop reconnecting.
            if (current.Status is VideoStatus.Ready or VideoStatus.Failed && current.Version <= lastSent) return Results.NoContent();
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            lifetime.CancelAfter(MaxDuration);
            var ct = lifetime.Token;
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await context.Response.WriteAsync($"retry: {(int)RetryAfter.TotalMilliseconds}\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            var state = current;
            var renewAt = DateTime.UtcNow + Renew;
            while (!ct.IsCancellationRequested)
            {
                if (state.Version > lastSent)
                {
                    await SendAsync(context, await responses.From(state), state.Version, ct);
                    lastSent = state.Version;
                }
                if (state.Status is VideoStatus.Ready or VideoStatus.Failed)
                {
                    // The last word: clients that cannot tell a finished video from a dropped connection close on it.
                    await context.Response.WriteAsync("event: end\ndata: {}\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                    break;
                }
                // The subscription is renewed on its own schedule, busy or quiet (the grain forgets it after a minute).
                var wait = renewAt - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    quiet.CancelAfter(wait);
                    try
                    {
                        var next = await watcher.Changes.ReadAsync(quiet.Token);
                        state = next.Version > state.Version ? next : state;
                        while (watcher.Changes.TryRead(out var newer)) state = newer.Version > state.Version ? newer : state;
                        continue;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                    }
                }
                await context.Response.WriteAsync(": still here\n\n", ct);
                await context.Response.Body.FlushAsync(ct);
                renewAt = DateTime.UtcNow + Renew;
                VideoView? now;
                try
                {
                    now = await video.Watch(viewer, reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The cluster is away: end cleanly; the client resumes with Last-Event-ID.
                    logger.LogInformation("An event stream of video {VideoId} ends: {Reason}", id, e.Message);
                    break;
                }
                if (now is null) break; // gone, or no longer visible to this viewer
                state = now.Version > state.Version ? now : state;
            }
            return Results.Empty;
        }
        catch (OperationCanceledException)
        {
            return Results.Empty; // the client left, or the stream reached its longest life
        }
        finally
        {
            try { await video.Unwatch(reference); } catch (Exception e) { logger.LogDebug("Unwatch failed: {Reason}", e.Message); }
            grains.DeleteObjectReference<IVideoWatcher>(reference);
            GC.KeepAlive(watcher); // Orleans holds the observer weakly: it lives as long as this request
        }
    }

    /// <summary>How long a client waits before reconnecting after the stream ended or dropped.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);

    private static async Task SendAsync(HttpContext context, VideoResponse video, long version, CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(video, VideoText.Json);
        await context.Response.WriteAsync($"id: {version}\nevent: video\ndata: {data}\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
    }

    /// <summary>Receives the grain's changes on this node and hands them to the request.</summary>
    public sealed class Watcher : IVideoWatcher
    {
        private readonly Channel<VideoView> _changes = Channel.CreateBounded<VideoView>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });

        public ChannelReader<VideoView> Changes => _changes.Reader;

        public Task Changed(VideoView video)
        {
            _changes.Writer.TryWrite(video);
            return Task.CompletedTask;
        }
    }
}
