using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Storage;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

/// <summary>
/// HLS playback through signed URLs: the Api serves the ladder's playlists — the master playlist's
/// entries point back here with the same token, a rendition's segments become pre-signed object
/// URLs that expire with the token. So a player needs no header or cookie, and the objects of any
/// video are reachable only through a URL the Api handed to someone allowed to see it.
/// </summary>
public static partial class PlaybackEndpoints
{
    public const string PlaylistRateLimit = "playlist";

    public static IEndpointRouteBuilder MapPlaybackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/videos/{id:guid}/hls/master.m3u8", Master).RequireRateLimiting(PlaylistRateLimit).ExcludeFromDescription();
        app.MapGet("/api/videos/{id:guid}/hls/{rendition}/index.m3u8", Rendition).RequireRateLimiting(PlaylistRateLimit).ExcludeFromDescription();
        return app;
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

    [GeneratedRegex(@"^segment_\d{1,6}\.ts$")]
    private static partial Regex SegmentName();
}
