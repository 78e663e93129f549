using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Videos;

/// <summary>The video's state machine and rules (issue 7): ownership, exactly-once queueing, attempts.</summary>
public sealed class VideoGrainTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static readonly VideoDraft Draft = new("A clip", "Words about it", VideoVisibility.Public, "clip.mp4", "video/mp4", 1_000_000);
    private static readonly TranscodeResult Result = new(12.5, 1280, 720, [new Rendition("360p", 640, 360, 800_000), new Rendition("720p", 1280, 720, 2_800_000)]);

    private IVideoGrain Video(Guid id) => Grains.GetGrain<IVideoGrain>(id);

    private async Task<(IVideoGrain Video, Guid Owner)> Created(VideoDraft? draft = null)
    {
        var owner = Guid.NewGuid();
        var video = Video(Guid.NewGuid());
        var created = await video.Create(owner, draft ?? Draft);
        Assert.Equal(VideoFailure.None, created.Failure);
        Assert.Equal(VideoStatus.AwaitingUpload, created.Video!.Status);
        return (video, owner);
    }

    private async Task<(IVideoGrain Video, Guid Owner)> Queued()
    {
        var (video, owner) = await Created();
        Assert.Equal(VideoStatus.Queued, (await video.Complete(owner, 900_000)).Video!.Status);
        return (video, owner);
    }

    [Fact]
    public async Task A_new_video_awaits_its_upload_under_an_object_key_of_its_own()
    {
        var (video, owner) = await Created();

        var view = (await video.Get(owner))!;
        Assert.Equal(owner, view.OwnerId);
        Assert.Equal(0, view.Attempt);
        Assert.Matches($"^videos/{video.GetPrimaryKey():N}/source-[0-9a-f]{{16}}$", view.ObjectKey);
        Assert.Equal(VideoFailure.Conflict, (await video.Create(owner, Draft)).Failure);
    }

    [Fact]
    public async Task A_declared_size_over_the_maximum_is_refused()
    {
        var outcome = await Video(Guid.NewGuid()).Create(Guid.NewGuid(), Draft with { SizeBytes = 3L * 1024 * 1024 * 1024 });

        Assert.Equal(VideoFailure.UploadTooLarge, outcome.Failure);
    }

    [Fact]
    public async Task Strangers_see_nothing_until_it_is_ready_and_never_a_private_one()
    {
        var (video, owner) = await Queued();
        var stranger = Guid.NewGuid();
        Assert.Null(await video.Get(stranger));
        Assert.Null(await video.Get(null));

        Assert.True(await video.Succeed(1, Result));
        Assert.NotNull(await video.Get(stranger));
        await video.Update(owner, new VideoPatch(null, null, VideoVisibility.Private));
        Assert.Null(await video.Get(stranger));
        Assert.NotNull(await video.Get(owner));
    }

    [Fact]
    public async Task Only_the_owner_may_change_complete_or_delete_and_others_get_not_found()
    {
        var (video, owner) = await Created();
        var stranger = Guid.NewGuid();

        Assert.Equal(VideoFailure.NotFound, (await video.Update(stranger, new VideoPatch("Mine now", null, null))).Failure);
        Assert.Equal(VideoFailure.NotFound, (await video.Complete(stranger, 900_000)).Failure);
        Assert.Equal(VideoFailure.NotFound, (await video.Delete(stranger)).Failure);
        Assert.Equal("A clip", (await video.Get(owner))!.Title);
        Assert.Equal(VideoFailure.NotFound, (await Video(Guid.NewGuid()).Complete(owner, 1)).Failure);
    }

    [Fact]
    public async Task Completing_again_queues_nothing_more()
    {
        var (video, owner) = await Queued();
        Assert.True(await video.ReportProgress(1, 40, 10));

        var again = await video.Complete(owner, 900_000);

        Assert.Equal(VideoStatus.Processing, again.Video!.Status);
        Assert.Equal(1, again.Video.Attempt);
        Assert.Equal(40, again.Video.Progress);
    }

    [Fact]
    public async Task An_upload_larger_than_declared_is_refused_and_the_video_still_awaits_one()
    {
        var (video, owner) = await Created();

        Assert.Equal(VideoFailure.UploadTooLarge, (await video.Complete(owner, 1_000_001)).Failure);
        Assert.Equal(VideoFailure.UploadMissing, (await video.Complete(owner, 0)).Failure);
        Assert.Equal(VideoStatus.AwaitingUpload, (await video.Get(owner))!.Status);
        Assert.Equal(VideoStatus.Queued, (await video.Complete(owner, 1_000_000)).Video!.Status);
    }

    [Fact]
    public async Task Progress_moves_forward_and_stale_attempts_are_ignored()
    {
        var (video, owner) = await Queued();

        Assert.True(await video.ReportProgress(1, 30, 20));
        Assert.True(await video.ReportProgress(1, 10, 25)); // never backwards
        Assert.False(await video.ReportProgress(2, 90, 1));
        Assert.False(await video.Succeed(2, Result));

        var view = (await video.Get(owner))!;
        Assert.Equal(VideoStatus.Processing, view.Status);
        Assert.Equal(30, view.Progress);
        Assert.Equal(25, view.EtaSeconds);
    }

    [Fact]
    public async Task Transient_failures_are_retried_up_to_the_limit_then_the_video_fails()
    {
        var (video, owner) = await Queued();
        var fault = new VideoError("storage_unavailable", "Object storage could not be reached.");

        Assert.True(await video.Fail(1, fault, transient: true));
        Assert.Equal((VideoStatus.Queued, 2), ((await video.Get(owner))!.Status, (await video.Get(owner))!.Attempt));
        Assert.False(await video.Fail(1, fault, transient: true)); // a late report of the old attempt
        Assert.True(await video.Fail(2, fault, transient: true));
        Assert.True(await video.Fail(3, fault, transient: true));

        var view = (await video.Get(owner))!;
        Assert.Equal(VideoStatus.Failed, view.Status);
        Assert.Equal("storage_unavailable", view.Error!.Code);
        Assert.False(await video.Succeed(3, Result));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // even when a caller calls it transient
    public async Task Invalid_media_fails_at_once(bool transient)
    {
        var (video, owner) = await Queued();

        Assert.True(await video.Fail(1, new VideoError("invalid_media", "The file is not a video."), transient));

        var view = (await video.Get(owner))!;
        Assert.Equal(VideoStatus.Failed, view.Status);
        Assert.Equal(1, view.Attempt);
    }

    [Fact]
    public async Task A_ready_video_carries_its_ladder_and_a_duplicate_result_changes_nothing()
    {
        var (video, owner) = await Queued();
        Assert.True(await video.Succeed(1, Result));

        Assert.False(await video.Succeed(1, Result with { DurationSeconds = 99, OutputPrefix = "videos/other/hls-b/" }));

        var view = (await video.Get(owner))!;
        Assert.Equal((VideoStatus.Ready, 100, 12.5), (view.Status, view.Progress, view.DurationSeconds));
        Assert.Equal(["360p", "720p"], view.Renditions.Select(r => r.Name));
    }

    [Fact]
    public async Task A_deleted_video_is_gone_for_everyone()
    {
        var (video, owner) = await Queued();

        Assert.Equal(VideoFailure.None, (await video.Delete(owner)).Failure);

        Assert.Null(await video.Get(owner));
        Assert.False(await video.ReportProgress(1, 50, 5));
        Assert.Equal(VideoFailure.NotFound, (await video.Delete(owner)).Failure);
    }
}
