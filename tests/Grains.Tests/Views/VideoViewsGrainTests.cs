using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Interfaces.Views;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Views;

/// <summary>Views: once per viewer per video per 30 minutes, a few anonymous viewers per network, buffered and written in batches.</summary>
public sealed class VideoViewsGrainTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private static Task Listed(Guid video)
    {
        var at = Clock.GetUtcNow();
        return ClusterFixture.Catalog.SaveAsync(new VideoView(video, Guid.NewGuid(), "t", null, VideoVisibility.Public, VideoStatus.Ready, 100, null, 1,
            1, 2, 2, [], null, 1, "k", at, at), 1);
    }

    /// <summary>The grain's timer runs on the silos' clock, which the tests move.</summary>
    private static Task Written(Guid video, long views) => Eventually.Async(() =>
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return Task.FromResult(ClusterFixture.Catalog.Views.TryGetValue(video, out var written) && written == views);
    }, TimeSpan.FromSeconds(20), $"{views} views never reached the read model");

    [Fact]
    public async Task A_viewer_counts_once_per_half_hour_and_the_counts_reach_the_read_model_in_batches()
    {
        var video = Guid.NewGuid();
        await Listed(video);
        var views = Grains.GetGrain<IVideoViewsGrain>(video);

        Assert.True(await views.Record("viewer-a", null));
        Assert.False(await views.Record("viewer-a", null));
        Assert.True(await views.Record("viewer-b", null));
        Assert.Equal(2, await views.Count());

        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(await views.Record("viewer-a", null));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await views.Record("viewer-a", null));
        Assert.Equal(3, await views.Count());

        await Written(video, 3);
        Assert.Equal(3, await views.Count());
        // Each counted view went along with who and when: what related videos and recommendations are made of.
        Assert.Equal(["viewer-a", "viewer-b", "viewer-a"], ClusterFixture.Catalog.Events.Where(e => e.VideoId == video).Select(e => e.View.Viewer));
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_sent_again_and_counted_once()
    {
        var video = Guid.NewGuid();
        await Listed(video);
        ClusterFixture.Catalog.LoseAnswers[video] = 1;
        var views = Grains.GetGrain<IVideoViewsGrain>(video);

        Assert.True(await views.Record("viewer-a", null));
        Assert.True(await views.Record("viewer-b", null));
        await Eventually.Async(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(ClusterFixture.Catalog.LoseAnswers[video] == 0);
        }, TimeSpan.FromSeconds(20), "the write never happened");
        // Recorded after the lost answer: a batch of its own, not mixed into the one sent again.
        Assert.True(await views.Record("viewer-c", null));

        await Written(video, 3);
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, await views.Count());
        Assert.Equal(3, ClusterFixture.Catalog.Events.Count(e => e.VideoId == video));
    }

    [Fact]
    public async Task One_network_counts_only_a_few_made_up_anonymous_viewers()
    {
        var video = Guid.NewGuid();
        await Listed(video);
        var views = Grains.GetGrain<IVideoViewsGrain>(video);

        var counted = 0;
        for (var i = 0; i < 20; i++) if (await views.Record($"anonymous-{i}", "network-1")) counted++;
        Assert.Equal(5, counted);
        Assert.True(await views.Record("anonymous-x", "network-2"));
        Assert.True(await views.Record("signed-in", null));
    }

    [Fact]
    public async Task Views_of_a_video_not_yet_in_the_read_model_wait_for_its_row()
    {
        var video = Guid.NewGuid();
        var views = Grains.GetGrain<IVideoViewsGrain>(video);
        Assert.True(await views.Record("early", null));
        Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await views.Count());

        await Listed(video);
        await Written(video, 1);
    }
}
