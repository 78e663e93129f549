using System.Net;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Videos;

/// <summary>
/// The whole pipeline over HTTP on the real services: create → PUT to storage → complete → the job
/// on RabbitMQ → a transcoder grain records it → the silo's worker runs FFmpeg → ready, played by
/// ffprobe through its playback URL. Inputs are made with FFmpeg's lavfi sources.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TranscodingPipelineTests(ApiFixture api) : IDisposable
{
    private static readonly HttpClient Http = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task A_720p_upload_becomes_a_playable_ladder_with_progress_on_the_way()
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(PathOf("landscape.mp4"), 1280, 720, 6, audio: true);
        var word = $"landscape{Guid.NewGuid():N}"[..20];
        var id = await who.UploadAsync(file, $"A {word} clip");

        var (video, seen) = await who.OutcomeAsync(id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Contains(seen, s => s.Status == "queued");
        Assert.Contains(seen, s => s.Status == "processing" && s.Progress is > 0 and < 100 && s.Eta is >= 0);
        var progress = seen.Where(s => s.Status == "processing").Select(s => s.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(100, video.GetProperty("progress").GetInt32());
        Assert.Equal(["360p", "480p", "720p"], Names(video));
        Assert.Equal((1280, 720), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32()));
        Assert.InRange(video.GetProperty("durationSeconds").GetDouble(), 5.5, 6.5);
        Assert.All(video.GetProperty("renditions").EnumerateArray(), r => Assert.True(r.GetProperty("bandwidth").GetInt32() > 200_000));

        var probe = await ProbeAsync(video.GetProperty("playbackUrl").GetString()!);
        Assert.InRange(probe.Duration, 5.5, 6.6);
        Assert.Equal([360, 480, 720], probe.Heights);
        Assert.True(probe.HasAudio);

        var thumbnail = await Http.GetByteArrayAsync(video.GetProperty("thumbnailUrl").GetString());
        Assert.Equal([0xFF, 0xD8, 0xFF], thumbnail[..3]);

        // Public and ready: anyone may see it; the owner's list shows it ready.
        using var anonymous = api.Client();
        await (await anonymous.GetAsync($"/api/videos/{id}")).ExpectAsync(HttpStatusCode.OK);
        var mine = await (await who.Client.GetAsync("/api/me/videos", who.Token)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetString() == id && v.GetProperty("status").GetString() == "ready");
        // …and the public listings find it: search by a word of its title, the owner's page.
        foreach (var path in new[] { $"/api/videos?q={word}", $"/api/users/{who.UserId}/videos" })
        {
            var page = await (await anonymous.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains(page.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        }
    }

    [Theory]
    [InlineData("1080p", 1920, 1080, true, new[] { "360p", "480p", "720p", "1080p" }, new[] { 360, 480, 720, 1080 })]
    [InlineData("portrait", 720, 1280, true, new[] { "360p", "480p", "720p" }, new[] { 640, 854, 1280 })]
    [InlineData("tiny", 320, 240, true, new[] { "240p" }, new[] { 240 })]
    [InlineData("silent", 640, 360, false, new[] { "360p" }, new[] { 360 })]
    public async Task Each_kind_of_source_gets_its_own_ladder(string name, int width, int height, bool audio, string[] renditions, int[] heights)
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(PathOf($"{name}.mp4"), width, height, 3, audio);
        var id = await who.UploadAsync(file, name);

        var (video, _) = await who.OutcomeAsync(id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Equal(renditions, Names(video));
        var probe = await ProbeAsync(video.GetProperty("playbackUrl").GetString()!);
        Assert.Equal(heights, probe.Heights);
        Assert.Equal(audio, probe.HasAudio);
    }

    [Fact]
    public async Task Random_bytes_fail_at_once_as_invalid_media()
    {
        var who = await api.UploaderAsync();
        var file = PathOf("noise.mp4");
        await File.WriteAllBytesAsync(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000));
        var id = await who.UploadAsync(file);

        var (video, seen) = await who.OutcomeAsync(id);

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("invalid_media", video.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(video.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, video.GetProperty("playbackUrl").ValueKind);
    }

    [Fact]
    public async Task A_truncated_file_fails_as_invalid_media()
    {
        var who = await api.UploaderAsync();
        var whole = await TestMedia.GenerateAsync(PathOf("whole.mp4"), 640, 360, 6, audio: true, faststart: true);
        var bytes = await File.ReadAllBytesAsync(whole);
        var cut = PathOf("cut.mp4");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        var id = await who.UploadAsync(cut);

        var (video, _) = await who.OutcomeAsync(id);

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("invalid_media", video.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_private_video_plays_only_through_its_owners_url()
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(PathOf("private.mp4"), 640, 360, 3, audio: true);
        var id = await who.UploadAsync(file, "Private", visibility: "private");
        var (video, _) = await who.OutcomeAsync(id);
        var playback = video.GetProperty("playbackUrl").GetString()!;

        var stranger = await api.UploaderAsync("stranger");
        await (await stranger.Client.GetAsync($"/api/videos/{id}", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        using var anonymous = api.Client();
        await (await anonymous.GetAsync($"/api/videos/{id}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        // Without the token, with a forged one, or another video's: nothing.
        var path = new Uri(playback).AbsolutePath;
        await (await anonymous.GetAsync(path)).ExpectAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"{path}?t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).ExpectAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/videos/{Guid.NewGuid()}/hls/master.m3u8{new Uri(playback).Query}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"{path.Replace("master.m3u8", "../../source")}{new Uri(playback).Query}")).ExpectAsync(HttpStatusCode.NotFound);

        // The owner's URL plays, with no cookie or header.
        Assert.Equal([360], (await ProbeAsync(playback)).Heights);
    }

    [Fact]
    public async Task A_public_video_plays_from_stable_urls_that_caches_may_keep_and_an_unlisted_one_does_not()
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(PathOf("cacheable.mp4"), 640, 360, 3, audio: true);
        var id = await who.UploadAsync(file, "Cacheable");
        var (video, _) = await who.OutcomeAsync(id);
        var playback = new Uri(video.GetProperty("playbackUrl").GetString()!);

        // Stable: no token or expiry, the same on every answer; the ladder's folder names it.
        Assert.Matches($"^/api/videos/{id}/hls/hls-[0-9a-f]{{16}}/master\\.m3u8$", playback.AbsolutePath);
        Assert.Empty(playback.Query);
        Assert.Equal(playback.ToString(), (await who.GetAsync(id)).GetProperty("playbackUrl").GetString());
        var ladder = playback.AbsolutePath[..^"master.m3u8".Length];
        Assert.Equal(new Uri(playback, ladder + "thumbnail.jpg").ToString(), video.GetProperty("thumbnailUrl").GetString());

        // Playlists are immutable; segments and the thumbnail redirect to storage, cacheable for minutes.
        using var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = playback };
        using (var master = await direct.GetAsync(playback))
        {
            Assert.Equal(HttpStatusCode.OK, master.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", master.Headers.CacheControl?.ToString());
            Assert.Contains("360p/index.m3u8", await master.Content.ReadAsStringAsync());
        }
        using (var rendition = await direct.GetAsync(ladder + "360p/index.m3u8"))
        {
            Assert.Equal("public, max-age=31536000, immutable", rendition.Headers.CacheControl?.ToString());
            Assert.Contains("\nsegment_00000.ts", await rendition.Content.ReadAsStringAsync());
        }
        foreach (var (path, magic) in new[] { (ladder + "360p/segment_00000.ts", new byte[] { 0x47 }), (ladder + "thumbnail.jpg", new byte[] { 0xFF, 0xD8, 0xFF }) })
        {
            using var redirect = await direct.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("public, max-age=600", redirect.Headers.CacheControl?.ToString());
            var bytes = await Http.GetByteArrayAsync(redirect.Headers.Location);
            Assert.Equal(magic, bytes[..magic.Length]);
        }
        Assert.Equal([360], (await ProbeAsync(playback.ToString())).Heights);

        // A session cookie sent along (a player on the web app's origin) is not looked at: no answer a
        // cache keeps can carry a renewed or deleted cookie.
        using var withCookie = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        foreach (var path in new[] { "master.m3u8", "360p/index.m3u8", "360p/segment_00000.ts", "thumbnail.jpg" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(playback, ladder + path));
            request.Headers.Add("Cookie", "platform_session=not-a-session");
            using var answer = await withCookie.SendAsync(request);
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path}: {(int)answer.StatusCode}");
            Assert.False(answer.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
        }

        // Nothing else of the video, or of another ladder, is reachable this way.
        using var anonymous = api.Client();
        foreach (var path in new[]
        {
            $"/api/videos/{id}/hls/hls-0000000000000000/master.m3u8", ladder + "9999p/index.m3u8", ladder + "360p/segment_1.mp4",
            ladder + "360p/..%2F..%2Fsource", ladder + "9999p/segment_00000.ts", $"/api/videos/{Guid.NewGuid()}{ladder[(ladder.IndexOf("/hls/"))..]}master.m3u8",
        })
            await (await anonymous.GetAsync(path)).ExpectAsync(HttpStatusCode.NotFound);

        // Unlisted: a signed, expiring URL; the stable form of its own ladder answers nothing.
        var unlisted = await who.UploadAsync(file, "Unlisted", visibility: "unlisted");
        var (hidden, _) = await who.OutcomeAsync(unlisted);
        var signed = new Uri(hidden.GetProperty("playbackUrl").GetString()!);
        Assert.StartsWith("?t=", signed.Query);
        var folder = System.Text.RegularExpressions.Regex.Match(hidden.GetProperty("thumbnailUrl").GetString()!, "hls-[0-9a-f]{16}").Value;
        Assert.NotEmpty(folder);
        foreach (var path in new[] { "master.m3u8", "360p/index.m3u8", "360p/segment_00000.ts", "thumbnail.jpg" })
            await (await anonymous.GetAsync($"/api/videos/{unlisted}/hls/{folder}/{path}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal([360], (await ProbeAsync(signed.ToString())).Heights);
    }

    [Fact]
    public async Task Making_a_video_private_voids_the_playback_urls_handed_out_before()
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(PathOf("public.mp4"), 640, 360, 2, audio: false);
        var id = await who.UploadAsync(file, "Public first");
        var (video, _) = await who.OutcomeAsync(id);
        var before = video.GetProperty("playbackUrl").GetString()!;
        using var anonymous = api.Client();
        var path = new Uri(before).PathAndQuery;
        using (var playable = await anonymous.GetAsync(path)) Assert.Equal(HttpStatusCode.OK, playable.StatusCode);

        await (await who.PatchAsync(id, new { visibility = "private" })).ExpectAsync(HttpStatusCode.OK);

        await (await anonymous.GetAsync(path)).ExpectAsync(HttpStatusCode.NotFound);
        var ladder = path[..^"master.m3u8".Length];
        foreach (var part in new[] { "360p/index.m3u8", "360p/segment_00000.ts", "thumbnail.jpg" })
            await (await anonymous.GetAsync(ladder + part)).ExpectAsync(HttpStatusCode.NotFound);
        // Its objects move to a folder nobody has seen: the public URLs named the old one, and the
        // local S3 server checks no signatures.
        var shown = $"videos/{Guid.Parse(id):N}/{ladder.TrimEnd('/')[(ladder.TrimEnd('/').LastIndexOf('/') + 1)..]}/";
        await Eventually.Async(async () => (await BucketContents.KeysAsync(BucketContents.Bucket, shown)).Count == 0,
            TimeSpan.FromSeconds(30), "the old ladder's objects were never removed");
        var hidden = (await who.GetAsync(id)).GetProperty("thumbnailUrl").GetString()!;
        Assert.DoesNotContain(shown, hidden);
        Assert.Contains($"videos/{Guid.Parse(id):N}/hls-", hidden);
        var after = (await who.GetAsync(id)).GetProperty("playbackUrl").GetString()!;
        Assert.NotEqual(before, after);
        Assert.Equal([360], (await ProbeAsync(after)).Heights);
        // The owner's list signs its URLs for the current visibility too.
        var mine = await (await who.Client.GetAsync("/api/me/videos", who.Token)).ExpectAsync(HttpStatusCode.OK);
        var listed = mine.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id).GetProperty("playbackUrl").GetString()!;
        Assert.Equal([360], (await ProbeAsync(listed)).Heights);
    }

    private static List<string> Names(JsonElement video) =>
        [.. video.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)];

    private sealed record Probe(double Duration, List<int> Heights, bool HasAudio);

    /// <summary>What ffprobe, a standard HLS client, reads from the URL: duration, every rendition's height, sound.</summary>
    private static async Task<Probe> ProbeAsync(string url)
    {
        var (exit, output, errors) = await ProcessRunner.RunAsync("ffprobe",
            ["-v", "error", "-show_entries", "format=duration:stream=codec_type,height", "-of", "json", url]);
        Assert.True(exit == 0, $"ffprobe could not read {url}: {errors}");
        var json = JsonDocument.Parse(output).RootElement;
        var streams = json.GetProperty("streams").EnumerateArray().ToList();
        var heights = streams.Where(s => s.GetProperty("codec_type").GetString() == "video").Select(s => s.GetProperty("height").GetInt32()).Distinct().Order().ToList();
        var duration = double.Parse(json.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return new Probe(duration, heights, streams.Any(s => s.GetProperty("codec_type").GetString() == "audio"));
    }
}
