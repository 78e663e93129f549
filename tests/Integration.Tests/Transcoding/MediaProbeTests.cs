using System.Globalization;
using Platform.Silo.Transcoding;

namespace Platform.Integration.Tests.Transcoding;

/// <summary>Probing first (issue 7): what is not a video is known at once; a video's facts, and its thumbnail.</summary>
public sealed class MediaProbeTests : WorkFolderTest
{
    [Fact]
    public async Task A_video_is_described_with_its_duration_size_and_sound()
    {
        var withSound = await TestMedia.GenerateAsync(Path.Combine(Dir, "sound.mp4"), 640, 360, 3, audio: true);
        var silent = await TestMedia.GenerateAsync(Path.Combine(Dir, "silent.mp4"), 360, 640, 2, audio: false);

        var facts = await MediaProbe.ProbeAsync(withSound, CancellationToken.None);
        var silentFacts = await MediaProbe.ProbeAsync(silent, CancellationToken.None);

        Assert.NotNull(facts);
        Assert.Equal((640, 360, true), (facts.Width, facts.Height, facts.HasAudio));
        Assert.InRange(facts.Duration.TotalSeconds, 2.8, 3.2);
        Assert.NotNull(silentFacts);
        Assert.Equal((360, 640, false), (silentFacts.Width, silentFacts.Height, silentFacts.HasAudio));
    }

    [Fact]
    public async Task Random_bytes_and_text_are_not_media()
    {
        var random = Path.Combine(Dir, "random.mp4");
        await File.WriteAllBytesAsync(random, System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000));
        var text = Path.Combine(Dir, "notes.mp4");
        await File.WriteAllTextAsync(text, "this is not a video at all");

        Assert.Null(await MediaProbe.ProbeAsync(random, CancellationToken.None));
        Assert.Null(await MediaProbe.ProbeAsync(text, CancellationToken.None));
    }

    [Fact]
    public async Task The_thumbnail_is_a_320_pixel_wide_jpeg()
    {
        var input = await TestMedia.GenerateAsync(Path.Combine(Dir, "thumb.mp4"), 1280, 720, 3, audio: false);
        var output = Path.Combine(Dir, "thumb.jpg");

        var (exit, errors) = await FfmpegProcess.RunAsync(FfmpegThumbnailArguments.For(input, output, TimeSpan.FromSeconds(3)), null, CancellationToken.None);

        Assert.True(exit == 0, errors);
        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);
        var (probeExit, width, _) = await ProcessRunner.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width", "-of", "csv=p=0", output]);
        Assert.Equal(0, probeExit);
        Assert.Equal(FfmpegThumbnailArguments.Width, int.Parse(width.Trim(), CultureInfo.InvariantCulture));
    }
}
