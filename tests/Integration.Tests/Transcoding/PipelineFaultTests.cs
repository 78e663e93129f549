using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Minio;
using Minio.DataModel.Args;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Integration.Tests.Infrastructure;

namespace Platform.Integration.Tests.Transcoding;

/// <summary>
/// Faults of the pipeline with two silos, on the real services: a silo killed mid-job, the broker
/// restarted with jobs in flight, a job delivered twice, a video deleted while it is transcoded.
/// Nothing is lost and nothing is left behind.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineFaultTests(PipelineStack stack) : IDisposable
{
    private static readonly HttpClient Storage = new();
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(4);
    private static readonly IMinioClient S3 = new MinioClient().WithEndpoint(new Uri(TestServices.S3).Authority)
        .WithCredentials(TestServices.S3AccessKey, TestServices.S3SecretKey).WithRegion("us-east-1").Build();
    private readonly string _dir = Directory.CreateTempSubdirectory("faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_job_whose_silo_is_killed_finishes_on_the_other_silo()
    {
        var (client, token) = await SignedInAsync();
        var id = await UploadAsync(client, token, await TestMedia.GenerateAsync(Path.Combine(_dir, "long.mp4"), 1920, 1080, 20, audio: true));

        await Eventually.Async(async () => (await VideoAsync(client, token, id)).GetProperty("progress").GetInt32() > 0, Long, "the job never made progress");
        var running = await stack.SiloRunningAsync(Guid.Parse(id)) ?? throw new InvalidOperationException("no silo holds the job");
        await running.KillAloneAsync();

        var video = await OutcomeAsync(client, token, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Equal(4, video.GetProperty("renditions").GetArrayLength());
        Assert.Single(await LadderFoldersAsync(id));
        // The killed silo's FFmpeg did not outlive it for long (its progress pipe closed).
        await Eventually.Async(async () => !await FfmpegRunsForAsync(Guid.Parse(id)), TimeSpan.FromSeconds(30), "an FFmpeg of the killed silo still runs");
        await stack.StartSiloAsync();
    }

    [Fact]
    public async Task Two_silos_run_two_videos_at_once()
    {
        var (client, token) = await SignedInAsync();
        var file = await TestMedia.GenerateAsync(Path.Combine(_dir, "pair.mp4"), 1280, 720, 12, audio: true);
        var first = Guid.Parse(await UploadAsync(client, token, file));
        var second = Guid.Parse(await UploadAsync(client, token, file));

        // Each silo has one slot: both jobs held at the same moment means one on each silo.
        await Eventually.Async(async () => await stack.SiloRunningAsync(first) is { } a && await stack.SiloRunningAsync(second) is { } b && a != b,
            TimeSpan.FromSeconds(60), "the two jobs never ran on two silos at once");
        foreach (var id in new[] { first, second })
            Assert.Equal("ready", (await OutcomeAsync(client, token, id.ToString())).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Jobs_in_flight_across_a_broker_restart_all_finish()
    {
        var (client, token) = await SignedInAsync();
        var file = await TestMedia.GenerateAsync(Path.Combine(_dir, "short.mp4"), 640, 360, 3, audio: true);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await UploadAsync(client, token, file));

        await stack.Broker.StopAsync();
        await stack.Broker.StartAgainAsync();
        ids.Add(await UploadAsync(client, token, file)); // published after the restart, on the reconnected channel

        foreach (var id in ids) Assert.Equal("ready", (await OutcomeAsync(client, token, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_job_delivered_again_gives_no_second_result()
    {
        var (client, token) = await SignedInAsync();
        var id = await UploadAsync(client, token, await TestMedia.GenerateAsync(Path.Combine(_dir, "twice.mp4"), 640, 360, 3, audio: true));
        var ready = await OutcomeAsync(client, token, id);
        var playback = ready.GetProperty("playbackUrl").GetString();
        var videoId = Guid.Parse(id);

        var job = await stack.RecordedJobAsync(videoId);
        await stack.PublishAsync(job);
        await stack.PublishAsync(job);

        await Eventually.Async(() => Task.FromResult(Count(stack.SiloLogs, $"Transcoder {videoId}: job of attempt 1 received and recorded") >= 3),
            TimeSpan.FromSeconds(60), "the job was not delivered again");
        Assert.Equal(1, Count(stack.SiloLogs, $"Video {videoId}: attempt 1 started"));
        Assert.Single(await LadderFoldersAsync(id));
        var after = await VideoAsync(client, token, id);
        Assert.Equal(("ready", ready.GetProperty("updatedAt").GetString()), (after.GetProperty("status").GetString(), after.GetProperty("updatedAt").GetString()));
        Assert.NotNull(playback);
    }

    [Fact]
    public async Task The_silos_report_the_pipeline_on_their_metrics()
    {
        var (client, token) = await SignedInAsync();
        var id = await UploadAsync(client, token, await TestMedia.GenerateAsync(Path.Combine(_dir, "metered.mp4"), 640, 360, 2, audio: false));
        Assert.Equal("ready", (await OutcomeAsync(client, token, id)).GetProperty("status").GetString());

        var metrics = new List<string>();
        foreach (var silo in stack.Silos.Where(s => !s.HasExited))
            metrics.Add(await Storage.GetStringAsync(new Uri(silo.BaseUrl, "/metrics")));
        var all = string.Join('\n', metrics);
        foreach (var name in new[] { "platform_transcoding_jobs_queued", "platform_transcoding_jobs_succeeded", "platform_transcoding_jobs_running",
                     "platform_transcoding_job_duration", "platform_transcoding_realtime_factor", "platform_transcoding_queue_depth" })
            Assert.Contains(name, all);
    }

    [Fact]
    public async Task A_video_deleted_while_it_is_transcoded_leaves_nothing_behind()
    {
        var (client, token) = await SignedInAsync();
        var id = await UploadAsync(client, token, await TestMedia.GenerateAsync(Path.Combine(_dir, "doomed.mp4"), 1920, 1080, 20, audio: true));
        await Eventually.Async(async () => (await VideoAsync(client, token, id)).GetProperty("progress").GetInt32() > 0, Long, "the job never made progress");

        await (await client.DeleteAsync($"/api/videos/{id}", token)).ExpectAsync(HttpStatusCode.NoContent);

        // FFmpeg ends within seconds, and whatever the job had made is removed with it.
        await Eventually.Async(async () => !await FfmpegRunsForAsync(Guid.Parse(id)), TimeSpan.FromSeconds(15), "FFmpeg still runs for the deleted video");
        await Eventually.Async(() => Task.FromResult(stack.SiloLogs.Contains($"Video {Guid.Parse(id)}: attempt 1 stopped")), TimeSpan.FromSeconds(15), "the worker never stopped the job");
        Assert.Empty(await KeysAsync($"videos/{Guid.Parse(id):N}/"));
        await (await client.GetAsync($"/api/videos/{id}", token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(Path.GetTempPath(), "platform-transcode"), $"transcode-*-{Guid.Parse(id):N}-*"));
    }

    private async Task<(ApiClient Client, string Token)> SignedInAsync()
    {
        var client = new ApiClient(stack.Api);
        var email = $"faults-{Guid.NewGuid():N}@example.test";
        var registration = (await (await client.PostJsonAsync("/api/auth/register", new { email, password = "a long enough passphrase" })).ExpectAsync(HttpStatusCode.Accepted))
            .GetProperty("registration").GetString();
        var code = (await MailCapture.WaitForAsync(email)).Code;
        var signIn = await (await client.PostJsonAsync("/api/auth/verify-email", new { email, code, registration })).ExpectAsync(HttpStatusCode.OK);
        return (client, signIn.GetProperty("token").GetString()!);
    }

    private static async Task<string> UploadAsync(ApiClient client, string token, string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var created = await (await client.PostJsonAsync("/api/videos", new { title = "Fault", fileName = "f.mp4", contentType = "video/mp4", sizeBytes = bytes.Length }, token))
            .ExpectAsync(HttpStatusCode.Created);
        using (var put = await Storage.PutAsync(created.GetProperty("upload").GetProperty("url").GetString(), new ByteArrayContent(bytes)))
            Assert.True(put.IsSuccessStatusCode);
        var id = created.GetProperty("video").GetProperty("id").GetString()!;
        await (await client.PostJsonAsync($"/api/videos/{id}/complete", null, token)).ExpectAsync(HttpStatusCode.Accepted);
        return id;
    }

    private static async Task<JsonElement> VideoAsync(ApiClient client, string token, string id) =>
        await (await client.GetAsync($"/api/videos/{id}", token)).ExpectAsync(HttpStatusCode.OK);

    private static async Task<JsonElement> OutcomeAsync(ApiClient client, string token, string id)
    {
        JsonElement video = default;
        await Eventually.Async(async () =>
        {
            // While the cluster has not yet declared a killed silo dead, its grains answer 503.
            using var response = await client.GetAsync($"/api/videos/{id}", token);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return false;
            video = await response.ExpectAsync(HttpStatusCode.OK);
            return video.GetProperty("status").GetString() is "ready" or "failed";
        }, Long, $"video {id} never finished");
        return video;
    }

    private static async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in S3.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(PipelineStack.Bucket).WithPrefix(prefix).WithRecursive(true)))
            keys.Add(item.Key);
        return keys;
    }

    /// <summary>The ladder folders (<c>hls-…</c>) stored for the video.</summary>
    private static async Task<List<string>> LadderFoldersAsync(string id) =>
        [.. (await KeysAsync($"videos/{Guid.Parse(id):N}/")).Select(k => k.Split('/')[2]).Where(f => f.StartsWith("hls-", StringComparison.Ordinal)).Distinct()];

    private static async Task<bool> FfmpegRunsForAsync(Guid videoId)
    {
        var (exit, _, _) = await ProcessRunner.RunAsync("pgrep", ["-f", $"ffmpeg.*transcode-[0-9]+@[a-z0-9]*-{videoId:N}-"]);
        return exit == 0;
    }

    private static int Count(string text, string what)
    {
        var (count, at) = (0, 0);
        while ((at = text.IndexOf(what, at, StringComparison.Ordinal)) >= 0) (count, at) = (count + 1, at + what.Length);
        return count;
    }
}
