using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Tests.Cluster;
using Platform.Grains.Videos;

namespace Platform.Grains.Tests.Videos;

/// <summary>
/// The video grain's part of the pipeline: the job goes out on the stream and is recorded once by
/// the transcoder grain; the read model follows every change; the watchdog republishes, abandons
/// a stalled attempt and removes uploads never completed; delete leaves nothing.
/// </summary>
public sealed class VideoPipelineTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly VideoDraft Draft = new("A clip", null, VideoVisibility.Public, "clip.mp4", "video/mp4", 1_000_000);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static InMemoryJobBoard Board => ClusterFixture.JobBoard;
    private static InMemoryVideoCatalog Catalog => ClusterFixture.Catalog;

    private async Task<(IVideoGrain Video, Guid Id, Guid Owner)> Queued()
    {
        var (id, owner) = (Guid.NewGuid(), Guid.NewGuid());
        var video = Grains.GetGrain<IVideoGrain>(id);
        Assert.Equal(VideoFailure.None, (await video.Create(owner, Draft)).Failure);
        Assert.Equal(VideoStatus.Queued, (await video.Complete(owner, 900_000)).Video!.Status);
        return (video, id, owner);
    }

    private static Task Recorded(Guid id, int attempt) => Delivered(
        () => Board.Jobs.TryGetValue(id, out var job) && job.Attempt == attempt, $"attempt {attempt} of {id} was never recorded");

    /// <summary>
    /// Waits for the stream to deliver. Its pulling agents run on the silos' clock, which is the
    /// tests' fake one: each look moves it on by a little (well below any rule under test).
    /// </summary>
    private static Task Delivered(Func<bool> condition, string what) => Eventually.Async(() =>
    {
        if (condition()) return Task.FromResult(true);
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        return Task.FromResult(false);
    }, Wait, what);

    [Fact]
    public async Task Completing_publishes_the_job_and_the_transcoder_records_it_once()
    {
        var (video, id, owner) = await Queued();

        await Recorded(id, 1);
        var job = Board.Jobs[id];
        Assert.Equal((await video.Get(owner))!.ObjectKey, job.SourceKey);
        Assert.Equal(900_000, job.SizeBytes);

        // Said again: nothing more goes out.
        await video.Complete(owner, 900_000);
        await Task.Delay(200);
        Assert.Single(Board.Received, j => j.VideoId == id);
    }

    [Fact]
    public async Task The_read_model_follows_every_change_with_a_rising_version()
    {
        var (video, id, _) = await Queued();
        var (queued, queuedVersion) = Catalog.Rows[id];
        Assert.Equal(VideoStatus.Queued, queued!.Status);

        Assert.True(await video.ReportProgress(1, 40, 12));
        var (processing, processingVersion) = Catalog.Rows[id];
        Assert.Equal((VideoStatus.Processing, 40, 12), (processing!.Status, processing.Progress, processing.EtaSeconds));
        Assert.True(processingVersion > queuedVersion);

        // An older write arriving late changes nothing.
        await Catalog.SaveAsync(queued, queuedVersion);
        Assert.Equal(VideoStatus.Processing, Catalog.Rows[id].Video!.Status);
    }

    [Fact]
    public async Task A_transient_failure_publishes_the_next_attempt_after_a_backoff()
    {
        var (video, id, _) = await Queued();
        await Recorded(id, 1);
        var before = Clock.GetUtcNow();

        Assert.True(await video.Fail(1, new VideoError("transcode_failed", "storage away"), transient: true));

        await Recorded(id, 2);
        Assert.True(Board.Jobs[id].NotBefore >= before + TimeSpan.FromSeconds(30), "the second attempt waits out the backoff");
        // The first attempt's late result counts for nothing.
        Assert.False(await video.Succeed(1, new TranscodeResult(1, 2, 2, [])));
    }

    [Fact]
    public async Task An_attempt_with_no_progress_for_the_stall_timeout_is_abandoned_and_retried()
    {
        var (video, id, owner) = await Queued();
        Assert.True(await video.ReportProgress(1, 10, null));

        Clock.Advance(TimeSpan.FromMinutes(3));

        await Recorded(id, 2);
        var view = (await video.Get(owner))!;
        Assert.Equal((VideoStatus.Queued, 2), (view.Status, view.Attempt));
        Assert.False(await video.ReportProgress(1, 50, null));
    }

    [Fact]
    public async Task A_job_that_stays_queued_is_published_again_and_still_recorded_once()
    {
        var (_, id, _) = await Queued();
        await Recorded(id, 1);

        Clock.Advance(TimeSpan.FromMinutes(6));

        await Delivered(() => Board.Received.Count(j => j.VideoId == id) >= 2, "the job was never published again");
        Assert.Equal(1, Board.Jobs[id].Attempt);
    }

    [Fact]
    public async Task An_upload_never_completed_is_removed_with_its_objects()
    {
        var (id, owner) = (Guid.NewGuid(), Guid.NewGuid());
        var video = Grains.GetGrain<IVideoGrain>(id);
        await video.Create(owner, Draft);

        Clock.Advance(ClusterFixture.UploadExpiry + TimeSpan.FromSeconds(1));

        await Eventually.Async(async () => await video.Get(owner) is null, Wait, "the abandoned upload was never removed");
        Assert.Contains(id, ClusterFixture.Objects.Removed);
        Assert.Null(Catalog.Rows[id].Video);
        Assert.Equal(VideoFailure.NotFound, (await video.Complete(owner, 10)).Failure);
        await Swept(video);
    }

    [Fact]
    public async Task An_abandoned_upload_in_parts_is_aborted_with_the_video_and_only_one_upload_is_open_at_a_time()
    {
        var (id, owner) = (Guid.NewGuid(), Guid.NewGuid());
        var video = Grains.GetGrain<IVideoGrain>(id);
        await video.Create(owner, Draft);

        var opened = (await video.OpenMultipart(owner, "first", 5_000)).Video!;
        Assert.Equal(("first", 5_000L), (opened.MultipartUploadId, opened.MultipartPartSize));
        Assert.Equal(("first", 5_000L), ((await video.OpenMultipart(owner, "second", 7_000)).Video!.MultipartUploadId, opened.MultipartPartSize)); // the loser aborts its own
        Assert.Equal(VideoFailure.NotFound, (await video.OpenMultipart(Guid.NewGuid(), "third", 5_000)).Failure);
        Assert.Equal("first", (await video.CloseMultipart(owner, "second")).Video!.MultipartUploadId);

        Clock.Advance(ClusterFixture.UploadExpiry + TimeSpan.FromSeconds(1));

        await Eventually.Async(async () => await video.Get(owner) is null, Wait, "the abandoned upload was never removed");
        var source = Assert.Single(ClusterFixture.Objects.AbortedUploads.Where(a => a.UploadId == "first").Distinct()).Key;
        Assert.StartsWith($"videos/{id:N}/source-", source);
        Assert.Contains(id, ClusterFixture.Objects.Removed);
        // Parts still in flight at the abort may have started it again: the last sweep aborts once more.
        await Swept(video);
        Assert.True(ClusterFixture.Objects.AbortedUploads.Count(a => a.UploadId == "first") >= 2, "no abort at the last sweep");
    }

    [Fact]
    public async Task A_completed_upload_leaves_no_upload_in_parts_open_and_takes_no_other()
    {
        var (id, owner) = (Guid.NewGuid(), Guid.NewGuid());
        var video = Grains.GetGrain<IVideoGrain>(id);
        await video.Create(owner, Draft);
        await video.OpenMultipart(owner, "parts", 5_000);

        // The file came by the single PUT (or the parts were joined): the upload in parts is aborted either way.
        var queued = (await video.Complete(owner, 10)).Video!;

        Assert.Null(queued.MultipartUploadId);
        Assert.Contains(ClusterFixture.Objects.AbortedUploads, a => a.UploadId == "parts");
        Assert.Equal(VideoFailure.Conflict, (await video.OpenMultipart(owner, "late", 5_000)).Failure);
        Assert.Equal(VideoFailure.None, (await video.Delete(owner)).Failure);
        Assert.DoesNotContain(ClusterFixture.Objects.AbortedUploads, a => a.UploadId == "late");
    }

    /// <summary>A removed video's folder is swept once more later (an upload URL may still have been used), then it is forgotten.</summary>
    private async Task Swept(IVideoGrain video)
    {
        var removals = ClusterFixture.Objects.Removed.Count(v => v == video.GetPrimaryKey());
        Clock.Advance(ClusterFixture.UploadExpiry + TimeSpan.FromSeconds(1));
        await Eventually.Async(async () => !await Fixture.StoredAsync<VideoState>("video", video.GetGrainId()), Wait, "the removed video was never forgotten");
        Assert.True(ClusterFixture.Objects.Removed.Count(v => v == video.GetPrimaryKey()) > removals, "no second sweep");
        Assert.False(await Fixture.HasReminderAsync(video.GetGrainId(), "watchdog"));
    }

    [Fact]
    public async Task Delete_withdraws_the_job_and_removes_objects_row_and_state()
    {
        var (video, id, owner) = await Queued();
        await Recorded(id, 1);

        Assert.Equal(VideoFailure.None, (await video.Delete(owner)).Failure);

        Assert.False(Board.Jobs.ContainsKey(id));
        Assert.Contains(id, ClusterFixture.Objects.Removed);
        Assert.Null(Catalog.Rows[id].Video);
        Assert.False(await video.Succeed(1, new TranscodeResult(1, 2, 2, [])));
        Assert.Null(await video.Get(owner));
        Assert.Equal(VideoFailure.NotFound, (await video.Delete(owner)).Failure);
        await Swept(video);
    }

    [Fact]
    public async Task A_result_said_twice_is_accepted_twice_and_another_ladder_is_refused()
    {
        var (video, _, _) = await Queued();
        var result = new TranscodeResult(3, 640, 360, [new Rendition("360p", 640, 360, 900_000)], "videos/x/hls-a/");

        Assert.True(await video.Succeed(1, result));
        Assert.True(await video.Succeed(1, result));
        Assert.False(await video.Succeed(1, result with { OutputPrefix = "videos/x/hls-b/" }));
    }

    [Fact]
    public async Task A_change_of_visibility_moves_the_playback_epoch()
    {
        var (video, _, owner) = await Queued();
        var before = (await video.Get(owner))!.PlaybackEpoch;

        await video.Update(owner, new VideoPatch("Same", null, null));
        Assert.Equal(before, (await video.Get(owner))!.PlaybackEpoch);
        await video.Update(owner, new VideoPatch(null, null, VideoVisibility.Private));
        Assert.Equal(before + 1, (await video.Get(owner))!.PlaybackEpoch);
    }

    [Fact]
    public async Task A_ready_video_restricted_further_moves_its_ladder_to_a_folder_nobody_has_seen()
    {
        var (video, id, owner) = await Queued();
        var shown = $"videos/{id:N}/hls-aaaaaaaaaaaaaaaa/";
        Assert.True(await video.Succeed(1, new TranscodeResult(3, 640, 360, [new Rendition("360p", 640, 360, 900_000)], shown)));

        await video.Update(owner, new VideoPatch(null, null, VideoVisibility.Unlisted));

        string? moved = null;
        await Eventually.Async(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            moved = ClusterFixture.Objects.Copied.Where(c => c.From == shown).Select(c => c.To).FirstOrDefault();
            return Task.FromResult(moved is not null && ClusterFixture.Objects.RemovedPrefixes.Contains(shown));
        }, Wait, "the ladder was never moved");
        Assert.Matches($"^videos/{id:N}/hls-[0-9a-f]{{16}}/$", moved);
        Assert.NotEqual(shown, moved);
        Assert.Equal(moved, (await video.GetForPlayback())!.OutputPrefix);
        Assert.Equal(moved, ClusterFixture.Catalog.Rows[id].Video!.OutputPrefix);

        // Unlisted to private: its viewers saw the folder in their URLs, so it moves again.
        await video.Update(owner, new VideoPatch(null, null, VideoVisibility.Private));
        await Eventually.Async(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(ClusterFixture.Objects.RemovedPrefixes.Contains(moved!));
        }, Wait, "the ladder was not moved again");
        Assert.NotEqual(moved, (await video.GetForPlayback())!.OutputPrefix);
        // A title changes nothing of it.
        var now = (await video.GetForPlayback())!.OutputPrefix;
        await video.Update(owner, new VideoPatch("Renamed", null, null));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(now, (await video.GetForPlayback())!.OutputPrefix);
    }

    [Fact]
    public async Task Watchers_allowed_to_see_the_video_are_told_each_change()
    {
        var (video, _, owner) = await Queued();
        var watcher = new Watcher();
        var reference = Grains.CreateObjectReference<IVideoWatcher>(watcher);
        try
        {
            Assert.Null(await video.Watch(Guid.NewGuid(), reference)); // a stranger may not see it yet
            var current = (await video.Watch(owner, reference))!;
            Assert.Equal(VideoStatus.Queued, current.Status);

            Assert.True(await video.ReportProgress(1, 30, 20));
            await Eventually.Async(() => Task.FromResult(watcher.Seen.Any(v => v.Progress == 30 && v.Version > current.Version)), Wait, "the watcher was never told");

            // Unwatched: the next change reaches a second watcher and not the first.
            await video.Unwatch(reference);
            var second = new Watcher();
            var secondReference = Grains.CreateObjectReference<IVideoWatcher>(second);
            await video.Watch(owner, secondReference);
            Assert.True(await video.ReportProgress(1, 60, 10));
            await Eventually.Async(() => Task.FromResult(second.Seen.Any(v => v.Progress == 60)), Wait, "the second watcher was never told");
            Assert.DoesNotContain(watcher.Seen, v => v.Progress == 60);
            Grains.DeleteObjectReference<IVideoWatcher>(secondReference);
        }
        finally
        {
            Grains.DeleteObjectReference<IVideoWatcher>(reference);
        }
    }

    private sealed class Watcher : IVideoWatcher
    {
        public System.Collections.Concurrent.ConcurrentQueue<VideoView> Seen { get; } = new();

        public Task Changed(VideoView video)
        {
            Seen.Enqueue(video);
            return Task.CompletedTask;
        }
    }
}
