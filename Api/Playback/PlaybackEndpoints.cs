using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Accounts.Sessions;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Storage;
using Platform.Api.Videos;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Playback;

/// <summary>
/// HLS playback; a player needs no header or cookie either way.
/// <list type="bullet">
/// <item>Unlisted and private videos, through signed URLs: the Api serves the ladder's playlists —
/// the master playlist's entries point back here with the same token, a rendition's segments
/// become pre-signed object URLs that expire with the token. The objects are reachable only
/// through a URL the Api handed to someone allowed to see the video.</item>
/// <item>Public videos, through stable URLs caches and CDNs may keep: every URL names the ladder's
/// folder, whose objects never change (a new ladder is a new folder), so playlists are served as
/// immutable; a segment or the thumbnail answers with a redirect to a pre-signed object URL,
/// cacheable for a few minutes. When the video stops being public these URLs answer 404 (what a
/// cache kept may still be served until it expires).</item>
/// </list>
/// </summary>
public static partial class PlaybackEndpoints
{
    public const string PlaylistRateLimit = "playlist";
    public const string MediaRateLimit = "media";

    /// <summary>How long a cache may keep the redirect of a public segment or thumbnail (the object URL it names works 6 times as long).</summary>
    public static readonly TimeSpan PublicRedirectAge = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapPlaybackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos/{id:guid}/hls/master.m3u8", Master).RequireRateLimiting(PlaylistRateLimit).ExcludeFromDescription();
        app.MapGet("/api/videos/{id:guid}/hls/{rendition}/index.m3u8", Rendition).RequireRateLimiting(PlaylistRateLimit).ExcludeFromDescription();
        app.MapGet("/api/videos/{id:guid}/hls/{ladder}/master.m3u8", PublicMaster).RequireRateLimiting(PlaylistRateLimit).WithoutSession().ExcludeFromDescription();
        app.MapGet("/api/videos/{id:guid}/hls/{ladder}/{rendition}/index.m3u8", PublicRendition).RequireRateLimiting(PlaylistRateLimit).WithoutSession().ExcludeFromDescription();
        app.MapGet("/api/videos/{id:guid}/hls/{ladder}/{rendition}/{segment}", PublicSegment).RequireRateLimiting(MediaRateLimit).WithoutSession().ExcludeFromDescription();
        app.MapGet("/api/videos/{id:guid}/hls/{ladder}/" + TranscodeResult.ThumbnailName, PublicThumbnail).RequireRateLimiting(MediaRateLimit).WithoutSession().ExcludeFromDescription();
        return app;
    }

    /// <summary>The folder name of a ladder (<c>hls-…</c>) as public URLs carry it.</summary>
    public static string LadderOf(string outputPrefix) => outputPrefix.TrimEnd('/')[(outputPrefix.TrimEnd('/').LastIndexOf('/') + 1)..];

    private static async Task<VideoView?> PublicLadder(Guid id, string ladder, IGrainFactory grains, HttpContext context)
    {
        // Until it is found: a refusal must not be kept by a cache (the video may become public).
        context.Response.Headers.CacheControl = "no-store";
        if (!LadderName().IsMatch(ladder)) return null;
        var video = await grains.GetGrain<IVideoGrain>(id).GetForPlayback();
        return video is { Visibility: VideoVisibility.Public, OutputPrefix: { Length: > 0 } prefix } && LadderOf(prefix) == ladder ? video : null;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PublicMaster(
        Guid id, string ladder, IGrainFactory grains, ObjectUrls storage, HttpContext context, CancellationToken ct)
    {
        if (await PublicLadder(id, ladder, grains, context) is not { } video) return ApiProblems.NotFound();
        var text = await storage.ReadTextAsync(video.OutputPrefix + "master.m3u8", ct);
        if (text is null) return ApiProblems.NotFound();
        return Immutable(context, Rewrite(text, line => line));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PublicRendition(
        Guid id, string ladder, string rendition, IGrainFactory grains, ObjectUrls storage, HttpContext context, CancellationToken ct)
    {
        if (await PublicLadder(id, ladder, grains, context) is not { } video || !video.Renditions.Any(r => r.Name == rendition)) return ApiProblems.NotFound();
        var text = await storage.ReadTextAsync($"{video.OutputPrefix}{rendition}/index.m3u8", ct);
        if (text is null) return ApiProblems.NotFound();
        // Segment names stay relative: the player asks PublicSegment beside this playlist.
        var lines = Lines(text).Where(line => line.Length == 0 || line.StartsWith('#') || SegmentName().IsMatch(line));
        return Immutable(context, string.Join('\n', lines) + "\n");
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> PublicSegment(
        Guid id, string ladder, string rendition, string segment, IGrainFactory grains, ObjectUrls storage, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!SegmentName().IsMatch(segment)) return ApiProblems.NotFound();
        if (await PublicLadder(id, ladder, grains, context) is not { } video || !video.Renditions.Any(r => r.Name == rendition)) return ApiProblems.NotFound();
        return await Redirect(context, storage, $"{video.OutputPrefix}{rendition}/{segment}");
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> PublicThumbnail(
        Guid id, string ladder, IGrainFactory grains, ObjectUrls storage, HttpContext context)
    {
        if (await PublicLadder(id, ladder, grains, context) is not { } video) return ApiProblems.NotFound();
        return await Redirect(context, storage, video.OutputPrefix + TranscodeResult.ThumbnailName);
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Redirect(HttpContext context, ObjectUrls storage, string key)
    {
        var signed = await storage.GetAsync(key, PublicRedirectAge * 6);
        context.Response.Headers.CacheControl = $"public, max-age={(int)PublicRedirectAge.TotalSeconds}";
        return TypedResults.Redirect(signed.Url);
    }

    private static ContentHttpResult Immutable(HttpContext context, string text)
    {
        // The ladder's folder never changes: what this URL answers never does either.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Text(text, "application/vnd.apple.mpegurl", Encoding.UTF8);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Master(
        Guid id, string? t, IGrainFactory grains, PlaybackTokens tokens, ObjectUrls storage, HttpContext context, CancellationToken ct)
    {
        if (await Playable(id, t, grains, tokens) is not ({ } video, _)) return ApiProblems.NotFound();
        var text = await storage.ReadTextAsync(video.OutputPrefix + "master.m3u8", ct);
        if (text is null) return ApiProblems.NotFound();
        var token = Uri.EscapeDataString(t!);
        return Playlist(context, Rewrite(text, line => $"{line}?t={token}"));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Rendition(
        Guid id, string rendition, string? t, IGrainFactory grains, PlaybackTokens tokens, ObjectUrls storage, HttpContext context, TimeProvider time, CancellationToken ct)
    {
        if (await Playable(id, t, grains, tokens) is not ({ } video, var expires)) return ApiProblems.NotFound();
        if (!video.Renditions.Any(r => r.Name == rendition)) return ApiProblems.NotFound();
        var folder = $"{video.OutputPrefix}{rendition}/";
        var text = await storage.ReadTextAsync(folder + "index.m3u8", ct);
        if (text is null) return ApiProblems.NotFound();
        var lifetime = expires - time.GetUtcNow();
        var lines = new List<string>();
        foreach (var line in Lines(text))
        {
            // Only the segment names FFmpeg writes: nothing in a playlist can point elsewhere.
            if (line.Length == 0 || line.StartsWith('#')) lines.Add(line);
            else if (SegmentName().IsMatch(line)) lines.Add((await storage.GetAsync(folder + line, lifetime)).Url);
        }
        return Playlist(context, string.Join('\n', lines) + "\n");
    }

    private static async Task<(VideoView? Video, DateTimeOffset Expires)> Playable(Guid id, string? token, IGrainFactory grains, PlaybackTokens tokens)
    {
        // A token not issued for this video, or expired, is refused before any grain is asked.
        if (tokens.ForVideo(token, id) is not { } valid) return (null, default);
        var video = await grains.GetGrain<IVideoGrain>(id).GetForPlayback();
        if (video?.OutputPrefix is not { Length: > 0 } prefix) return (null, default);
        return tokens.ForLadder(valid, prefix, video.PlaybackEpoch) ? (video, valid.ExpiresAt) : (null, default);
    }

    private static string Rewrite(string playlist, Func<string, string> uri)
    {
        var output = new StringBuilder();
        foreach (var line in Lines(playlist))
        {
            if (line.Length == 0 || line.StartsWith('#')) output.Append(line).Append('\n');
            else if (RenditionPath().IsMatch(line)) output.Append(uri(line)).Append('\n');
        }
        return output.ToString();
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));

    private static ContentHttpResult Playlist(HttpContext context, string text)
    {
        // Its URLs expire: a cache may keep it only briefly, and only for this user.
        context.Response.Headers.CacheControl = "private, max-age=60";
        return TypedResults.Text(text, "application/vnd.apple.mpegurl", Encoding.UTF8);
    }

    [GeneratedRegex(@"^[a-z0-9]{1,16}/index\.m3u8$")]
    private static partial Regex RenditionPath();

    [GeneratedRegex("^hls-[0-9a-f]{16}$")]
    private static partial Regex LadderName();

    [GeneratedRegex(@"^segment_\d{1,6}\.ts$")]
    private static partial Regex SegmentName();
}
