using Platform.Grains.Transcoding;

namespace Platform.Unit.Tests.Transcoding;

/// <summary>The HLS ladder a source gets (issue 7): up to its short side, never upscaled, portrait right.</summary>
public sealed class LadderPlanTests
{
    private static string Describe(IReadOnlyList<LadderRung> rungs) => string.Join(" ", rungs.Select(r => $"{r.Name}:{r.Width}x{r.Height}"));

    [Theory]
    [InlineData(1920, 1080, "360p:640x360 480p:854x480 720p:1280x720 1080p:1920x1080")]
    [InlineData(1280, 720, "360p:640x360 480p:854x480 720p:1280x720")]
    [InlineData(3840, 2160, "360p:640x360 480p:854x480 720p:1280x720 1080p:1920x1080")]
    [InlineData(720, 1280, "360p:360x640 480p:480x854 720p:720x1280")]
    [InlineData(1000, 500, "360p:720x360 480p:960x480")]
    [InlineData(320, 240, "240p:320x240")]
    [InlineData(241, 135, "134p:240x134")]
    public void The_ladder_follows_the_short_side_and_never_upscales(int width, int height, string expected)
    {
        Assert.Equal(expected, Describe(LadderPlan.For(width, height)));
    }

    [Fact]
    public void Frame_sizes_are_even_and_bandwidth_counts_the_audio_when_there_is_some()
    {
        var rungs = LadderPlan.For(1279, 719);

        Assert.All(rungs, r => Assert.True(r.Width % 2 == 0 && r.Height % 2 == 0, $"{r.Width}x{r.Height}"));
        Assert.Equal(rungs[0].VideoBitsPerSecond + LadderPlan.AudioBitsPerSecond, rungs[0].Bandwidth(withAudio: true));
        Assert.Equal(rungs[0].VideoBitsPerSecond, rungs[0].Bandwidth(withAudio: false));
    }

    [Fact]
    public void Bitrates_rise_with_the_rungs()
    {
        var rungs = LadderPlan.For(1920, 1080);

        Assert.Equal(rungs.OrderBy(r => r.VideoBitsPerSecond), rungs);
    }
}
