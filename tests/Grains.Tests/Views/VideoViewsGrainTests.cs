using Platform.Grains.Interfaces.Views;
using Platform.Grains.Tests.Cluster;

namespace Platform.Grains.Tests.Views;

/// <summary>Views: once per viewer per video per 30 minutes, buffered and written in batches.</summary>
public sealed class VideoViewsGrainTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task A_viewer_counts_once_per_half_hour_and_the_counts_reach_the_read_model_in_batches()
    {
        var video = Guid.NewGuid();
        var views = Grains.GetGrain<IVideoViewsGrain>(video);

        Assert.True(await views.Record("viewer-a"));
        Assert.False(await views.Record("viewer-a"));
        Assert.True(await views.Record("viewer-b"));
        Assert.Equal(2, await views.Count());

        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(await views.Record("viewer-a"));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await views.Record("viewer-a"));
        Assert.Equal(3, await views.Count());

        // Written by the grain's timer (on the silos' clock, which the tests move).
        await Eventually.Async(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(ClusterFixture.Catalog.Views.TryGetValue(video, out var written) && written == 3);
        }, TimeSpan.FromSeconds(20), "the views never reached the read model");
        Assert.Equal(3, await views.Count());
    }
}
